import AemconfTestSupport
import Foundation
import Testing

/// `segmentSync.mode: aemconf` through the built binary against `aemconf sandbox`: Target audiences become AEM
/// segments, planned with counts, written in batches, owned by a marker, resumable after a kill.
@Suite(.serialized)
struct SegmentSyncEndToEndTests {
    private func id(of page: String) -> Int64? { Int64(page.split(separator: "/").last?.dropFirst() ?? "") }

    @Test func createUpdateRenameDeleteLeavesHandAuthoredSegmentsAlone() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        let (first, _) = try await sandbox.seedAudiences(40)

        let applied = try await sandbox.apply()
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.standardOutput.contains("segments: (known after apply)"), "\(applied.standardOutput)")
        var pages = try await sandbox.segmentPages()
        #expect(pages.count == 45, "\(pages.count)")
        let renamed = try #require(pages.first { id(of: $0.key) == first })
        #expect(renamed.value["aemconfOwner"] as? String == "targetCloudServices.wknd")
        #expect(renamed.value["sling:resourceType"] as? String == "cq/personalization/components/segmentpage")
        #expect(renamed.value["jcr:title"] as? String == "Seeded audience \(first)")
        #expect(renamed.value["aemconfFingerprint"] as? String != nil)

        try await sandbox.authorSegment("hand-made")
        // Target's times have second resolution: the edits happen in a later second than the sync's newest audience.
        _ = try await sandbox.admin("PUT", "clock", json: #"{"advanceSeconds": 5}"#)
        try await sandbox.editAudience(first, ["name": "Renamed audience"])
        try await sandbox.editAudience(first + 1, ["description": "a new description"])
        try await sandbox.editAudience(first + 2, ["workspace": "Marketing"])
        try await sandbox.editAudience(first + 3, ["delete": true])

        // Incremental: the three changes, read newest first; the deletion waits for a full pass.
        let incremental = try await sandbox.plan()
        #expect(incremental.status == 2, "\(incremental)")
        #expect(
            incremental.standardOutput.contains("targetCloudServices.wknd segments: +0 ~3 -0 (unchanged 42)"),
            "\(incremental.standardOutput)")
        #expect(
            incremental.standardOutput.contains(
                "1 hand-authored segment(s) under \(EndToEndSandbox.segmentRoot) left untouched"))
        #expect(incremental.standardOutput.contains("\(EndToEndSandbox.segmentRoot)/hand-made"))

        let full = try await sandbox.plan(["--full-resync", "--json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(full.standardOutput.utf8)) as? [String: Any])
        let entry = try #require((document["segments"] as? [[String: Any]])?.first)
        #expect(entry["pass"] as? String == "full")
        #expect(
            entry["create"] as? Int == 0 && entry["update"] as? Int == 3 && entry["delete"] as? Int == 1, "\(entry)")
        #expect(entry["unchanged"] as? Int == 41 && entry["handAuthored"] as? Int == 1, "\(entry)")

        let synced = try await sandbox.apply(["--full-resync"])
        #expect(synced.status == 0, "\(synced)")
        #expect(
            synced.standardOutput.contains("segments synchronised: +0 ~3 -1 (unchanged 41)"), "\(synced.standardOutput)"
        )
        pages = try await sandbox.segmentPages()
        #expect(pages.count == 45, "44 owned and the hand-made one: \(pages.count)")
        let after = try #require(pages.first { id(of: $0.key) == first })
        #expect(after.key == renamed.key, "a rename is an update in place")
        #expect(after.value["jcr:title"] as? String == "Renamed audience")
        #expect(pages.first { id(of: $0.key) == first + 2 }?.value["aemconfWorkspace"] as? String == "1234568")
        #expect(pages.first { id(of: $0.key) == first + 3 } == nil)
        let hand = try #require(pages["\(EndToEndSandbox.segmentRoot)/hand-made"])
        #expect(hand["jcr:title"] as? String == "Hand made" && hand["aemconfOwner"] == nil)

        let again = try await sandbox.apply()
        #expect(again.status == 0 && again.standardOutput.contains("No changes"), "\(again)")

        // Destroy leaves nothing aemconf created: the owned segments go with their cloud service, the
        // hand-authored one stays.
        let destroyed = try await sandbox.aemconf(["destroy", sandbox.config, "--auto-approve", "--no-color"])
        #expect(destroyed.status == 0, "\(destroyed)")
        pages = try await sandbox.segmentPages()
        #expect(pages.keys.sorted() == ["\(EndToEndSandbox.segmentRoot)/hand-made"], "\(pages.keys.sorted())")
    }

    @Test func maxDeletesRefusesUnlessAllowed() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        try sandbox.setSegmentSync("      mode: aemconf\n      prune: true\n      maxDeletes: 2\n")
        let (first, _) = try await sandbox.seedAudiences(10)
        #expect(try await sandbox.apply().status == 0)
        for offset in 0..<3 { try await sandbox.editAudience(first + Int64(offset), ["delete": true]) }

        let plan = try await sandbox.plan(["--full-resync"])
        #expect(plan.status == 1, "\(plan)")
        #expect(
            plan.standardError.contains("would delete 3 segments, more than 'maxDeletes' (2)")
                || plan.standardOutput.contains("would delete 3 segments, more than 'maxDeletes' (2)"), "\(plan)")
        let refused = try await sandbox.apply(["--full-resync"])
        #expect(refused.status == 1, "\(refused)")
        #expect(try await sandbox.segmentPages().count == 15)

        let allowed = try await sandbox.apply(["--full-resync", "--allow-mass-delete"])
        #expect(allowed.status == 0, "\(allowed)")
        #expect(try await sandbox.segmentPages().count == 12)
    }

    @Test func workspaceIncludeAndExcludeFilterTheAudiences() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        try sandbox.setSegmentSync(
            "      mode: aemconf\n      workspaces: [\"1234568\"]\n      include: [\"Campaign*\"]\n"
                + "      exclude: [\"*draft*\"]\n      prune: true\n"
        )
        let (kept, _) = try await sandbox.seedAudiences(3, prefix: "Campaign", workspace: "Marketing")
        try await sandbox.seedAudiences(2, prefix: "Campaign draft", workspace: "Marketing")
        try await sandbox.seedAudiences(3, prefix: "Campaign", workspace: "Default Workspace")
        try await sandbox.seedAudiences(2, prefix: "Other", workspace: "Marketing")

        let applied = try await sandbox.apply()
        #expect(applied.status == 0, "\(applied)")
        let pages = try await sandbox.segmentPages()
        #expect(Set(pages.keys.compactMap(id(of:))) == [kept, kept + 1, kept + 2], "\(pages.keys.sorted())")

        // Excluding a synced audience later removes its segment (prune).
        try sandbox.setSegmentSync(
            "      mode: aemconf\n      workspaces: [\"1234568\"]\n      include: [\"Campaign*\"]\n"
                + "      exclude: [\"*draft*\", \"Campaign \(kept)\"]\n      prune: true\n"
        )
        let resynced = try await sandbox.apply(["--full-resync"])
        #expect(resynced.status == 0 && resynced.standardOutput.contains("+0 ~0 -1 (unchanged 2)"), "\(resynced)")
    }

    @Test func modeAEMOnlySetsAEMsProperty() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        try sandbox.setSegmentSync("      mode: aem\n")
        try await sandbox.seedAudiences(10)
        _ = try await sandbox.admin("DELETE", "requests")
        let applied = try await sandbox.apply()
        #expect(applied.status == 0, "\(applied)")
        #expect(!applied.standardOutput.contains("segments"), "\(applied.standardOutput)")
        let dump = try await sandbox.dump()
        let nodes = (dump["aem"] as? [String: Any])?["nodes"] as? [String: Any] ?? [:]
        let content = nodes["/etc/cloudservices/testandtarget/wknd-target/jcr:content"] as? [String: Any]
        let flag = (content?["properties"] as? [String: Any])?["syncSegments"] as? [String: Any]
        #expect(flag?["value"] as? Bool == true, "\(String(describing: flag))")
        #expect(!nodes.keys.contains { $0.hasPrefix("/etc/segmentation/aemconf") })
        #expect(try await sandbox.audienceListPaging().allSatisfy { !$0.contains("sortBy") })
    }

    @Test func killedMidSyncResumesFromItsCheckpoint() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        try await sandbox.seedAudiences(2995)
        let small = ["AEMCONF_DEBUG_SEGMENT_PAGE_SIZE": "500"]
        let killed = try await sandbox.apply(
            environment: small.merging(["AEMCONF_DEBUG_CRASH_AFTER_SEGMENT_CHECKPOINTS": "3"]) { $1 })
        #expect(killed.status == 75, "the process ends abruptly after the third checkpoint: \(killed)")
        let partial = try await sandbox.segmentPages().count
        #expect(partial >= 1500 && partial < 3000, "\(partial)")

        _ = try await sandbox.admin("DELETE", "requests")
        let resumed = try await sandbox.apply(environment: small)
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.standardOutput.contains("resuming a full pass"), "\(resumed.standardOutput)")
        let paging = try await sandbox.audienceListPaging().filter { $0.contains("sortBy=id") }
        #expect(!paging.isEmpty)
        #expect(
            !paging.contains { $0.hasPrefix("offset=0&") }, "the resumed pass never re-reads the first pages: \(paging)"
        )
        #expect(paging.contains { $0.hasPrefix("offset=1499&") }, "\(paging)")

        let pages = try await sandbox.segmentPages()
        #expect(pages.count == 3000, "\(pages.count)")
        let ids = pages.values.compactMap { ($0["aemconfAudienceId"] as? NSNumber)?.int64Value }
        #expect(ids.count == 3000 && Set(ids).count == 3000, "one segment per audience, no duplicate")
        let again = try await sandbox.apply(environment: small)
        #expect(again.standardOutput.contains("No changes"), "\(again)")
    }

    @Test func throttledSyncOfFiveThousandAudiencesCompletes() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        let settings = try await sandbox.admin("GET", "settings")
        #expect(
            settings.jsonObject?["targetThrottling"] as? Bool == true,
            "the sandbox throttles Target at 50 calls a minute")
        try await sandbox.seedAudiences(4995)
        _ = try await sandbox.admin("DELETE", "requests")
        // 90 per page: 56 list calls, more than Target allows in one minute.
        let applied = try await sandbox.apply(
            ["--log-format", "json"], environment: ["AEMCONF_DEBUG_SEGMENT_PAGE_SIZE": "90"]
        )
        #expect(applied.status == 0, "\(applied)")
        #expect(try await sandbox.segmentPages().count == 5000)
        let response = try await sandbox.admin("GET", "requests?service=target")
        let entries = response.json as? [[String: Any]] ?? []
        #expect(entries.count > 50, "\(entries.count)")
        let throttled = entries.filter { $0["status"] as? Int == 503 }.count
        #expect(throttled <= 3, "at most the retry policy's attempts end in 503: \(throttled)")
        #expect(applied.standardError.contains("\"type\":\"segments-progress\""), "progress as JSON events")
    }
}
