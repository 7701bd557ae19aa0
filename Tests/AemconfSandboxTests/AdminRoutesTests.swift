import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// The `/_sandbox/` admin API: dump and change state, make drift, clock, settings, reset.
@Suite struct SandboxAdminRoutesTests {
    @Test func dumpsTheWholeStateAndEachSlice() async throws {
        let harness = try await SandboxHarness.start()
        let whole = try await harness.request(.aem, "GET", "/_sandbox/state")
        #expect(whole.status == 200)
        #expect(Set((whole.jsonObject ?? [:]).keys) == ["aem", "ims", "console", "target"])
        let slice = try await harness.request(.target, "GET", "/_sandbox/state/aem")
        #expect(slice.jsonObject?["servicePack"] as? Int == 20)
        let unknown = try await harness.request(.aem, "GET", "/_sandbox/state/nope")
        #expect(unknown.status == 404)
        #expect(unknown.jsonObject?["error"] as? String == "unknown-slice")
        try await harness.stop()
    }

    @Test func mergePatchChangesTheLiveServiceForDrift() async throws {
        let harness = try await SandboxHarness.start()
        let patch = try await harness.request(
            .aem, "PATCH", "/_sandbox/state/aem", body: Data(#"{"servicePack": 18}"#.utf8))
        #expect(patch.status == 200)
        let info = try await harness.request(
            .aem, "GET", "/system/console/status-productinfo.json", headers: harness.aemAdminHeaders)
        #expect(info.text.contains("6.5.18.0"))
        try await harness.stop()
    }

    @Test func aemPropertyDriftIsVisibleToReads() async throws {
        let harness = try await SandboxHarness.start()
        let body =
            #"{"path": "/etc/cloudservices/testandtarget/jcr:content", "properties": {"jcr:title": "Drifted", "extra": ["a", "b"]}}"#
        let change = try await harness.request(.aem, "POST", "/_sandbox/aem/properties", body: Data(body.utf8))
        #expect(change.status == 200)
        let read = try await harness.request(
            .aem, "GET", "/etc/cloudservices/testandtarget/jcr:content.json", headers: harness.aemAdminHeaders)
        #expect(read.jsonObject?["jcr:title"] as? String == "Drifted")
        #expect(read.jsonObject?["extra"] as? [String] == ["a", "b"])
        let missing = try await harness.request(
            .aem, "POST", "/_sandbox/aem/properties", body: Data(#"{"path": "/no/node", "properties": {}}"#.utf8))
        #expect(missing.status == 404)
        let removed = try await harness.request(
            .aem, "DELETE", "/_sandbox/aem/nodes?path=/etc/cloudservices/testandtarget")
        #expect(removed.status == 200)
        let gone = try await harness.request(
            .aem, "GET", "/etc/cloudservices/testandtarget.json", headers: harness.aemAdminHeaders)
        #expect(gone.status == 404)
        try await harness.stop()
    }

    @Test func replacingASliceWithGarbageIsRefused() async throws {
        let harness = try await SandboxHarness.start()
        let response = try await harness.request(.aem, "PUT", "/_sandbox/state/target", body: Data("[1,2]".utf8))
        #expect(response.status == 400)
        #expect(response.jsonObject?["error"] as? String == "invalid-slice")
        try await harness.stop()
    }

    @Test func clockCanBeFixedAdvancedAndUnfixed() async throws {
        let harness = try await SandboxHarness.start()
        let fixed = try await harness.request(
            .aem, "PUT", "/_sandbox/clock", body: Data(#"{"now": "2030-01-01T00:00:00Z"}"#.utf8))
        #expect(fixed.jsonObject?["now"] as? String == "2030-01-01T00:00:00Z")
        #expect(fixed.jsonObject?["fixed"] as? Bool == true)
        let advanced = try await harness.request(
            .ims, "PUT", "/_sandbox/clock", body: Data(#"{"advanceSeconds": 3600}"#.utf8))
        #expect(advanced.jsonObject?["now"] as? String == "2030-01-01T01:00:00Z")
        let unfixed = try await harness.request(.aem, "PUT", "/_sandbox/clock", body: Data(#"{"now": null}"#.utf8))
        #expect(unfixed.jsonObject?["fixed"] as? Bool == false)
        try await harness.stop()
    }

    @Test func settingsAndResetRestoreTheStart() async throws {
        let harness = try await SandboxHarness.start()
        let settings = try await harness.request(
            .aem, "PUT", "/_sandbox/settings",
            body: Data(#"{"targetThrottling": false, "targetCallsPerMinute": 50, "aemStrictCSRF": true}"#.utf8))
        #expect(settings.jsonObject?["targetThrottling"] as? Bool == false)
        let headers = try await harness.aemMutatingHeaders()
        #expect(try await harness.postForm(.aem, "/content/temp", fields: [("a", "b")], headers: headers).status == 201)
        #expect(try await harness.request(.aem, "POST", "/_sandbox/reset").status == 200)
        #expect(await harness.sandbox.store.settings.targetThrottling)
        let gone = try await harness.request(.aem, "GET", "/content/temp.json", headers: harness.aemAdminHeaders)
        #expect(gone.status == 404)
        #expect(harness.sandbox.requestLog.entries().count == 1)
        try await harness.stop()
    }
}
