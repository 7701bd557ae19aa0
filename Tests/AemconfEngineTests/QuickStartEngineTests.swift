import AemconfEngine
import AemconfModel
import AemconfPlanner
import AemconfSandbox
import Foundation
import Testing

/// The quick start end to end through the engine: apply creates everything, a second plan is empty, drift is
/// shown and restored, edits plan updates, removals plan deletes.
@Suite(.serialized)
struct QuickStartEngineTests {
    static let page = "/etc/cloudservices/testandtarget/wknd-target"

    /// Review finding 4: with a state key, the fingerprints apply writes are keyed by it (the database alone
    /// confirms no guess), the AEM password is never fingerprinted, and a second plan still sees no change.
    @Test func fingerprintsAreKeyedByTheStateKeyAndTheAEMPasswordIsNeverKept() async throws {
        let fixture = try await EngineFixture.start(example: "quickstart")
        defer { Task { await fixture.shutdown() } }
        try await fixture.converge()
        let stored = try await fixture.store.read()
        let fingerprints =
            stored.resources.values.flatMap { record in
                record.secrets.values.compactMap { stored -> String? in
                    if case .fingerprint(let fingerprint) = stored { return fingerprint.value }
                    return nil
                }
            }
            + stored.resources.values.flatMap { record in
                record.attributes.text.matches(of: /hmac-sha256:[0-9a-f]{64}/).map { String($0.output) }
            }
        #expect(!fingerprints.isEmpty, "the client secret is fingerprinted")
        let salted = stored.fingerprinter
        let keyed = stored.fingerprinting(with: fixture.key).fingerprinter
        let secrets = [EngineFixture.resolveSecretValue, fixture.sandbox.credentials.aemPassword]
        for secret in secrets {
            #expect(
                !fingerprints.contains(salted.fingerprint(Secret(secret)).value), "the salt alone confirms no guess")
        }
        #expect(
            !fingerprints.contains(keyed.fingerprint(Secret(fixture.sandbox.credentials.aemPassword)).value),
            "the AEM password is not kept")
        let clientSecrets = await fixture.sandbox.store.read {
            $0.console.credentials.flatMap { $0.secrets.map(\.value) }
        }
        #expect(!clientSecrets.isEmpty)
        for secret in clientSecrets {
            #expect(!fingerprints.contains(salted.fingerprint(Secret(secret)).value), "the salt alone confirms nothing")
        }
        #expect(
            clientSecrets.contains { fingerprints.contains(keyed.fingerprint(Secret($0)).value) },
            "the client secret's fingerprint is keyed by the state key"
        )
        let again = try await fixture.plan()
        #expect(!again.hasChanges, "fingerprints are stable under the key")
    }

    @Test func applyCreatesEverythingAndASecondPlanHasNoChanges() async throws {
        let fixture = try await EngineFixture.start(example: "quickstart")
        defer { Task { await fixture.shutdown() } }

        let plan = try await fixture.plan()
        #expect(plan.summary.create == 3)
        #expect(plan.change(for: ResourceAddress("imsConfigurations.target-prod")!)?.after?["clientId"] == .unknown)
        let (summary, events) = try await fixture.apply(plan)
        #expect(summary.succeeded, "failed: \(summary.failed)")
        #expect(events.filter { if case .finished = $0 { true } else { false } }.count == 3)

        let state = try #require(try await fixture.dump()["console"] as? [String: Any])
        let credentials = try #require(state["credentials"] as? [[String: Any]])
        #expect(credentials.count == 1)
        let credential = try #require(credentials.first)
        #expect(credential["name"] as? String == "aem-target-prod")
        let subscriptions = try #require(credential["subscriptions"] as? [[String: Any]])
        #expect(subscriptions.first?["sdkCode"] as? String == "AdobeTargetSDK")
        #expect((subscriptions.first?["licenseConfigIDs"] as? [String])?.count == 2)

        let aem = try #require(try await fixture.dump()["aem"] as? [String: Any])
        let nodes = try #require(aem["nodes"] as? [String: Any])
        let configFiles = nodes.keys.filter {
            $0.hasPrefix("/apps/system/config/com.adobe.granite.auth") && $0.hasSuffix(".config")
        }
        #expect(configFiles.count == 2)
        let content = try #require(
            (nodes[Self.page + "/jcr:content"] as? [String: Any])?["properties"] as? [String: Any])
        func value(_ name: String) -> Any? { (content[name] as? [String: Any])?["value"] }
        #expect(value("clientcode") as? String == "wkndclient")
        #expect(value("tenantId") as? String == "wknd")
        #expect(value("authentication") as? String == "ims")
        #expect(value("apiKind") as? String == "rest")
        #expect(value("accurateTargeting") as? Bool == true)
        #expect(value("clientlib") as? String == "atjs")
        #expect(value("a4tAnalyticsConfig") as? String == "/etc/cloudservices/sitecatalyst/wknd/analytics-framework")
        #expect(
            (value("imsConfigId") as? String)?.hasPrefix("com.adobe.granite.auth.oauth.accesstoken.provider.") == true)
        #expect(nodes[Self.page + "/jcr:content/public/at.js"] != nil)

        // Check Health (a real client_credentials token) and Connect to Target (AEM's, then aemconf's own read).
        #expect(fixture.requests(.ims).contains("POST /ims/token/v3 200"))
        #expect(fixture.requests(.aem).contains("POST /libs/cq/analytics/testandtarget/command 200"))
        #expect(
            fixture.requests(.target).contains { $0.hasPrefix("GET /wknd/target/audiences") && $0.hasSuffix(" 200") })

        fixture.sandbox.requestLog.clear()
        let second = try await fixture.plan()
        #expect(!second.hasChanges)
        #expect(second.drift.isEmpty)
        #expect(
            fixture.requests(.target) == ["GET /wknd/target/audiences 200"],
            "a no-change plan calls Target once: the segment sync's incremental check"
        )
    }

    @Test func driftIsShownAndTheNextApplyRestoresIt() async throws {
        let fixture = try await EngineFixture.start(example: "quickstart")
        defer { Task { await fixture.shutdown() } }
        try await fixture.converge()

        try await fixture.admin(
            .POST, "aem/properties",
            json:
                #"{"path": "\#(Self.page)/jcr:content", "properties": {"clientcode": "changed-by-hand", "accurateTargeting": false}}"#
        )
        let plan = try await fixture.plan()
        let address = try #require(ResourceAddress("targetCloudServices.wknd"))
        #expect(Set(plan.drift.compactMap(\.attribute)) == ["clientCode", "accurateTargeting"])
        #expect(plan.drift.first { $0.attribute == "clientCode" }?.live == .known(.string("changed-by-hand")))
        let change = try #require(plan.change(for: address))
        #expect(change.action == .update)
        #expect(change.reasons == ["restores values changed outside aemconf"])

        let (summary, _) = try await fixture.apply(plan)
        #expect(summary.succeeded, "failed: \(summary.failed)")
        let after = try await fixture.plan()
        #expect(!after.hasChanges)
        #expect(after.drift.isEmpty)
    }

    @Test func anEditedPropertyPlansAnUpdateWithItsDiffAndARemovedServiceItsDelete() async throws {
        let fixture = try await EngineFixture.start(example: "quickstart")
        defer { Task { await fixture.shutdown() } }
        try await fixture.converge()
        let address = try #require(ResourceAddress("targetCloudServices.wknd"))

        try fixture.edit("aemconf.yaml") {
            $0.replacingOccurrences(of: "title: WKND Target", with: "title: WKND Target 2")
        }
        let update = try await fixture.plan()
        let change = try #require(update.change(for: address))
        #expect(change.action == .update)
        #expect(
            change.attributeChanges == [
                AttributeChange(
                    name: "title", before: .known(.string("WKND Target")), after: .known(.string("WKND Target 2")))
            ])
        #expect(update.summary.update == 1 && update.summary.create == 0)
        #expect(try await fixture.apply(update).0.succeeded)

        try fixture.edit("aemconf.yaml") { text in
            String(text[..<text.range(of: "targetCloudServices:")!.lowerBound])
        }
        let removal = try await fixture.plan()
        #expect(removal.change(for: address)?.action == .delete)
        #expect(removal.summary.delete == 1)
        #expect(try await fixture.apply(removal).0.succeeded)
        let nodes = try #require((try await fixture.dump()["aem"] as? [String: Any])?["nodes"] as? [String: Any])
        #expect(nodes[Self.page] == nil)
        #expect(!(try await fixture.plan()).hasChanges)
    }

    @Test func anObjectSomeoneElseMadeUnderTheResourcesNameIsNeverAdoptedSilently() async throws {
        let fixture = try await EngineFixture.start(example: "quickstart")
        defer { Task { await fixture.shutdown() } }
        // Made by hand in the Developer Console, with the name the config gives the integration.
        let console = try fixture.session.requireConsole()
        let ids = try await fixture.session.consoleLocation.ids(session: fixture.session, create: true)
        _ = try await console.createOAuthCredential(
            orgID: ids.orgID, projectID: try #require(ids.projectID), workspaceID: try #require(ids.workspaceID),
            name: "aem-target-prod", description: "made by hand"
        )
        let plan = try await fixture.plan()
        #expect(!plan.isApplyable)
        let problem = try #require(plan.problems.first)
        #expect(problem.address == ResourceAddress("ioIntegrations.target-prod"))
        #expect(problem.message.contains("the console credential 'aem-target-prod'"))
        #expect(problem.message.contains("was not made by aemconf"))
        #expect(problem.message.contains("aemconf import ioIntegrations.target-prod"))
    }

    @Test func refreshFalsePlansFromStateAlone() async throws {
        let fixture = try await EngineFixture.start(example: "quickstart")
        defer { Task { await fixture.shutdown() } }
        try await fixture.converge()
        fixture.sandbox.requestLog.clear()
        let plan = try await fixture.plan(refresh: false)
        #expect(!plan.refreshed)
        #expect(!plan.hasChanges)
        #expect(fixture.sandbox.requestLog.entries().isEmpty)
    }
}
