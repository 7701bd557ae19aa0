import AemconfEngine
import AemconfModel
import AemconfState
import Foundation
import Testing

/// Creates stopped between two remote writes (found by `aemconf-bench chaos`): the next apply leaves no orphan.
@Suite(.serialized)
struct InterruptedCreateEngineTests {
    /// The OSGi configurations of the IMS configuration pairs in the sandbox (providers and customizers).
    static func osgiConfigurations(_ fixture: EngineFixture) async throws -> [String] {
        let nodes = ((try await fixture.dump()["aem"] as? [String: Any])?["nodes"] as? [String: Any] ?? [:]).keys
        return nodes.filter { $0.hasPrefix("/apps/system/config/com.adobe.granite.auth") && $0.hasSuffix(".config") }
            .sorted()
    }

    @Test func anIMSConfigurationKilledBetweenItsCustomizerAndItsProviderIsMadeOnceWithoutAnOrphan() async throws {
        let fixture = try await EngineFixture.start(example: "quickstart")
        defer { Task { await fixture.shutdown() } }
        try await fixture.converge()
        let converged = try await Self.osgiConfigurations(fixture)
        #expect(converged.count == 2, "\(converged)")

        // What a kill between the two configMgr writes leaves: the customizer (written first) without its provider,
        // an open create intent and no state row.
        let address = try #require(ResourceAddress("imsConfigurations.target-prod"))
        let row = try #require(try await fixture.store.load().resources[address])
        let provider = try #require(row.remoteIDs["providerPID"])
        try await fixture.session.aem.deleteConfiguration(pid: provider, step: "test: undoing the provider")
        let lease = try await fixture.store.lock(.current(operation: "apply"), timeout: .seconds(5))
        let snapshot = try await fixture.store.load().fingerprinting(with: fixture.key)
        let journal = StateJournal(
            store: fixture.store, lease: lease, snapshot: snapshot, rows: try Engine.storedResources(snapshot),
            context: CommitContext(author: "test@host", command: "apply")
        )
        _ = try await journal.openIntent(address, action: .create, remoteName: "Adobe Target (prod)")
        try await journal.remove(address, clearingIntent: nil)
        try await lease.release()
        #expect(try await Self.osgiConfigurations(fixture).count == 1, "only the customizer is left")

        let plan = try await fixture.plan()
        #expect(plan.changes.contains { $0.address == address && $0.resumesInterruptedCreate }, "\(plan.changes)")
        try await fixture.converge()
        let after = try await Self.osgiConfigurations(fixture)
        #expect(after.count == 2, "one provider and one customizer, the orphan removed: \(after)")
        #expect(!(try await fixture.plan().hasChanges))
    }
}
