import AemconfModel
import AemconfPlanner
import Foundation
import Testing

/// Saved plans: written atomically 0600, read back equal, and refused when they no longer fit.
struct PlanFileTests {
    let plan = PlanFixtures.representative

    func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? NSNumber).intValue & 0o777
    }

    // MARK: - Write and read

    @Test func writeThenReadGivesTheSamePlan() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for (name, plan) in PlanFixtures.plannerShapes {
            let path = directory.file(name + ".plan")
            try PlanFile.write(plan, to: path)
            #expect(try PlanFile.read(from: path) == plan, "\(name)")
        }
    }

    @Test func theFileIsMode0600EvenOverAnOpenFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("plan.json")
        try PlanFile.write(plan, to: path)
        #expect(try permissions(path) == 0o600)
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try PlanFile.write(plan, to: path)
        #expect(try permissions(path) == 0o600)
        #expect(try PlanFile.read(from: path) == plan)
    }

    @Test func writingLeavesNoTemporaryFileBehind() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try PlanFile.write(plan, to: directory.file("a.plan"))
        try PlanFile.write(plan, to: directory.file("a.plan"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["a.plan"])
    }

    @Test func aMissingDirectoryIsUnwritable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("missing/plan.json")
        #expect(throws: PlanFileError.unwritable(path)) { try PlanFile.write(plan, to: path) }
    }

    @Test func theFileIsIndentedSortedKeyJSONThatKeepsFingerprints() throws {
        let text = String(decoding: try PlanFile.encoded(plan), as: UTF8.self)
        let keys = [
            "changes", "configDigest", "createdAt", "drift", "formatVersion", "lineage", "problems", "refreshed",
            "serial", "toolVersion", "workspace",
        ]
        let positions = try keys.map { key in try #require(text.range(of: "\n  \"\(key)\" : ")?.lowerBound, "\(key)") }
        #expect(positions == positions.sorted())
        #expect(text.hasSuffix("}\n"))
        // Apply compares fingerprints to tell whether a secret changed; they are HMACs, not secrets.
        #expect(text.contains("\"sensitive\" : \"\(PlanFixtures.fingerprint)\""))
        #expect(text.contains("\"createdAt\" : \"2025-06-15T15:06:40Z\""))
    }

    @Test func readRefusesAnotherFormatVersion() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("future.plan")
        var future = plan
        future.formatVersion = Plan.currentFormatVersion + 1
        try PlanFile.write(future, to: path)
        let error = PlanFileError.formatVersion(
            path, found: Plan.currentFormatVersion + 1, expected: Plan.currentFormatVersion)
        #expect(throws: error) { try PlanFile.read(from: path) }
        #expect(error.description.contains("has format version 2; this aemconf reads version 1"))
    }

    @Test(arguments: [
        ("aemconf.yaml", "version: 1\nioIntegrations: {}\n"),
        ("array.json", "[1, 2]"),
        ("empty.json", ""),
        ("noVersion.json", #"{"changes": []}"#),
        ("truncated.json", #"{"formatVersion": 1, "changes": ["#),
        ("wrongShape.json", #"{"formatVersion": 1, "changes": 3}"#),
    ])
    func readRefusesAFileThatIsNotAPlan(name: String, content: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file(name)
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: PlanFileError.notAPlan(path)) { try PlanFile.read(from: path) }
    }

    @Test func readRefusesTheJSONOutputEvenWithoutSecrets() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("plan-output.json")
        let plan = try #require(PlanFixtures.plannerShapes.first { $0.name == "empty" }?.plan)
        try Data(PlanJSON.render(plan).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: PlanFileError.notAPlan(path)) { try PlanFile.read(from: path) }
        #expect(PlanFileError.notAPlan(path).description.contains("'aemconf plan --out FILE'"))
    }

    @Test func readRefusesAMissingFile() {
        #expect(throws: PlanFileError.unreadable("/nonexistent/plan.json")) {
            try PlanFile.read(from: "/nonexistent/plan.json")
        }
    }

    // MARK: - Check

    func check(
        _ plan: Plan, toolVersion: String = "1.2.3", lineage: String, serial: Int64,
        configDigest: String = "sha256:3b1f0c5e"
    ) throws {
        try PlanFile.check(plan, toolVersion: toolVersion, lineage: lineage, serial: serial, configDigest: configDigest)
    }

    @Test func checkAcceptsThePlanForItsOwnStateAndConfig() throws {
        try check(plan, lineage: plan.lineage, serial: plan.serial)
    }

    @Test func checkRefusesAnotherLineage() {
        let error = PlanFileError.otherState(planLineage: plan.lineage, stateLineage: "other")
        #expect(throws: error) { try check(plan, lineage: "other", serial: plan.serial) }
        #expect(error.description.hasPrefix("the plan was made for a different state"))
    }

    @Test func checkRefusesAStaleSerial() {
        let error = PlanFileError.stale(planSerial: 7, stateSerial: 8)
        #expect(throws: error) { try check(plan, lineage: plan.lineage, serial: 8) }
        #expect(error.description.hasPrefix("the plan is stale"))
        #expect(error.description.hasSuffix("run 'aemconf plan' again"))
    }

    @Test func checkRefusesAChangedConfig() {
        #expect(throws: PlanFileError.configChanged) {
            try check(plan, lineage: plan.lineage, serial: plan.serial, configDigest: "sha256:other")
        }
        #expect(PlanFileError.configChanged.description.hasPrefix("the config changed since the plan was made"))
    }

    @Test func checkRefusesAnotherToolVersion() {
        let error = PlanFileError.toolVersion(found: "1.2.3", expected: "1.3.0")
        #expect(throws: error) { try check(plan, toolVersion: "1.3.0", lineage: plan.lineage, serial: plan.serial) }
        #expect(error.description.hasPrefix("the plan was made by aemconf 1.2.3, not 1.3.0"))
    }

    @Test func everyRefusalHasItsOwnMessage() {
        let errors: [PlanFileError] = [
            .unwritable("p"), .unreadable("p"), .notAPlan("p"), .formatVersion("p", found: 2, expected: 1),
            .toolVersion(found: "1", expected: "2"), .otherState(planLineage: "a", stateLineage: "b"),
            .stale(planSerial: 1, stateSerial: 2), .configChanged,
        ]
        #expect(Set(errors.map(\.description)).count == errors.count)
        #expect(errors.allSatisfy { $0.description.first?.isLowercase == true || $0.description.first == "'" })
    }

    @Test func aPlanForAStateThatDidNotExistAppliesToAFreshState() throws {
        var fresh = plan
        fresh.lineage = ""
        fresh.serial = 0
        try check(fresh, lineage: "", serial: 0)
        try check(fresh, lineage: "0b8e7c1a-created-by-this-apply", serial: 0)
    }

    @Test func aPlanForAStateThatDidNotExistIsStaleOnceTheStateIsWritten() {
        var fresh = plan
        fresh.lineage = ""
        fresh.serial = 0
        #expect(throws: PlanFileError.stale(planSerial: 0, stateSerial: 1)) {
            try check(fresh, lineage: "L", serial: 1)
        }
    }

    @Test func aPlanForAnExistingStateIsRefusedByAFreshOne() {
        #expect(throws: PlanFileError.otherState(planLineage: plan.lineage, stateLineage: "")) {
            try check(plan, lineage: "", serial: 0)
        }
        #expect(PlanFileError.otherState(planLineage: "a", stateLineage: "").description.contains("this state is new"))
    }
}
