import AemconfModel
import AemconfPlanner
import Foundation
import Testing

/// `aemconf plan --json`: the document's shape, checked against `schemas/plan.schema.json`.
struct PlanJSONTests {
    static let schemaPath = Repository.root + "/schemas/plan.schema.json"

    func object(_ plan: Plan) throws -> [String: Any] {
        let data = Data(PlanJSON.render(plan).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func everyPlanShapeValidatesAgainstTheSchema() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var files: [String] = []
        for (name, plan) in PlanFixtures.plannerShapes {
            for pretty in [false, true] {
                let file = directory.file("\(name)\(pretty ? ".pretty" : "").json")
                try Data(PlanJSON.render(plan, prettyPrinted: pretty).utf8).write(to: URL(fileURLWithPath: file))
                files.append(file)
            }
        }
        let output = try await JSONSchemaValidator.run(schema: Self.schemaPath, documents: files)
        #expect(output.status == 0, "jsonschema: \(output.text)")
    }

    @Test func theSchemaRejectsWhatTheDocumentNeverHolds() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let valid = try object(PlanFixtures.representative)
        func changed(_ edit: (inout [String: Any]) -> Void) -> [String: Any] {
            var copy = valid
            edit(&copy)
            return copy
        }
        func firstChange(_ edit: @escaping (inout [String: Any]) -> Void) -> [String: Any] {
            changed { document in
                var changes = document["changes"] as? [[String: Any]] ?? []
                edit(&changes[0])
                document["changes"] = changes
            }
        }
        let invalid: [String: [String: Any]] = [
            "fingerprint": firstChange { change in
                change["after"] = ["clientSecret": ["sensitive": PlanFixtures.fingerprint]]
            },
            "unknownAction": firstChange { $0["action"] = "read" },
            "createWithBefore": firstChange { $0["before"] = [String: Any]() },
            "missingReasons": firstChange { $0.removeValue(forKey: "reasons") },
            "extraKey": changed { $0["applyable"] = true },
            "missingSummary": changed { $0.removeValue(forKey: "summary") },
            "otherFormat": changed { $0["formatVersion"] = 2 },
            "badAddress": changed { $0["problems"] = [["address": "nowhere", "message": "m"]] },
            "twoValueShapes": firstChange { $0["after"] = ["name": ["value": "x", "unknown": true]] },
        ]
        for (name, document) in invalid.sorted(by: { $0.key < $1.key }) {
            let file = directory.file(name + ".json")
            try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: file))
            let output = try await JSONSchemaValidator.run(schema: Self.schemaPath, documents: [file])
            #expect(output.status == 1, "the schema accepted '\(name)': \(output.text)")
        }
    }

    @Test func theDocumentHasEveryKeyAndTheSummary() throws {
        let document = try object(PlanFixtures.representative)
        #expect(
            Set(document.keys) == [
                "formatVersion", "toolVersion", "createdAt", "workspace", "lineage", "serial", "configDigest",
                "refreshed", "changes", "drift", "problems", "summary", "hasChanges", "segments",
            ]
        )
        #expect(document["formatVersion"] as? Int == PlanJSON.formatVersion)
        #expect(document["createdAt"] as? String == "2025-06-15T15:06:40Z")
        #expect(document["hasChanges"] as? Bool == true)
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary == ["create": 2, "update": 1, "replace": 1, "delete": 1, "verify": 1, "unchanged": 1])
        let changes = try #require(document["changes"] as? [[String: Any]])
        #expect(
            changes.map { $0["action"] as? String } == [
                "create", "replace", "create", "update", "verify", "no-op", "delete",
            ])
        #expect(changes[0]["before"] is NSNull)
        #expect(changes[6]["after"] is NSNull)
        let drift = try #require(document["drift"] as? [[String: Any]])
        #expect(drift[1]["attribute"] is NSNull && drift[1]["stored"] is NSNull && drift[1]["live"] is NSNull)
    }

    @Test func valuesAreTaggedAndSecretsCarryNoFingerprint() throws {
        let text = PlanJSON.render(PlanFixtures.representative)
        #expect(text.contains(#""clientSecret":{"sensitive":true}"#))
        #expect(text.contains(#""clientId":{"unknown":true}"#))
        #expect(text.contains(#""name":{"value":"aem-prod"}"#))
        #expect(text.contains(#""forcesReplace":true"#))
    }

    @Test(arguments: PlanFixtures.plannerShapes.map(\.name))
    func noFingerprintInTheDocument(shape: String) throws {
        let plan = try #require(PlanFixtures.plannerShapes.first { $0.name == shape }?.plan)
        for pretty in [false, true] {
            let text = PlanJSON.render(plan, prettyPrinted: pretty)
            #expect(!text.contains(PlanFixtures.fingerprint))
            #expect(!text.contains(PlanFixtures.newFingerprint))
        }
    }

    @Test func theDocumentIsOneLineWithSortedKeys() {
        let text = PlanJSON.render(PlanFixtures.representative)
        #expect(!text.contains("\n"))
        #expect(text.hasPrefix(#"{"changes":[{"action":"create","address":"ioIntegrations.target-prod","after":"#))
    }

    @Test func aNumberJSONCannotHoldStillRenders() throws {
        var plan = PlanFixtures.representative
        plan.changes[0].after?["weight"] = .known(.number(.nan))
        let document = try object(plan)
        let changes = try #require(document["changes"] as? [[String: Any]])
        let after = try #require(changes[0]["after"] as? [String: Any])
        #expect((after["weight"] as? [String: Any])?["value"] as? String == "NaN")
    }
}
