import AemconfModel
import AemconfState
import AemconfStateSQLite
import AemconfTestSupport
import Foundation
import Testing

/// Intents and commits prove the fence and read the serial in one statement; these pin that statement to what the
/// lease check and the state read it replaced decided, at the edges the conformance suite does not reach.
@Suite("SQLite fenced writes")
struct SQLiteFencedWriteTests {
    static func store(_ directory: TemporaryDirectory, clock: VirtualClock) throws -> SQLiteStateStore {
        let configuration = SQLiteStateStore.Configuration(
            clock: clock, leaseDuration: .seconds(30), heartbeatInterval: nil)
        return try SQLiteStateStore(path: directory.path("state.db"), configuration: configuration)
    }

    @Test func aLeaseEndsExactlyAtItsExpiry() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let clock = VirtualClock()
        let store = try Self.store(directory, clock: clock)
        let lease = try await store.tryLock(StateStoreConformance.request("apply"))
        let expiresAt = try #require(lease.info.expiresAt)
        clock.advance(by: expiresAt.timeIntervalSince(clock.now()) - 0.5)
        let intent = try await store.openIntent(
            address: StateStoreConformance.address("ioIntegrations.one"), action: .create, remoteName: "one",
            lease: lease)
        #expect(
            try await store.commit(
                .put(StateStoreConformance.plain("ioIntegrations.one")), expectingSerial: 0, lease: lease,
                context: StateStoreConformance.context, clearingIntent: intent.id) == 1)
        clock.advance(by: 0.5)
        await #expect(throws: StateError.leaseLost(id: lease.info.id, workspace: store.workspace)) {
            _ = try await store.openIntent(
                address: StateStoreConformance.address("ioIntegrations.two"), action: .create, remoteName: "two",
                lease: lease)
        }
        await #expect(throws: StateError.leaseLost(id: lease.info.id, workspace: store.workspace)) {
            try await store.commit(
                .put(StateStoreConformance.plain("ioIntegrations.two")), expectingSerial: 1, lease: lease,
                context: StateStoreConformance.context, clearingIntent: nil)
        }
        #expect(try await store.load().serial == 1)
        #expect(try await store.openIntents().isEmpty)
        try await store.close()
    }

    @Test func theSerialReadWithTheFenceIsTheStatesAndItsWorkspaces() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let clock = VirtualClock()
        let store = try Self.store(directory, clock: clock)
        let other = store.workspace(named: "other")
        let lease = try await store.tryLock(StateStoreConformance.request("apply"))
        let otherLease = try await other.tryLock(StateStoreConformance.request("apply"))
        for serial in Int64(0)..<3 {
            #expect(
                try await store.commit(
                    .put(StateStoreConformance.plain("ioIntegrations.n\(serial)")), expectingSerial: serial,
                    lease: lease, context: StateStoreConformance.context, clearingIntent: nil) == serial + 1)
        }
        let stale = await #expect(throws: StateError.self) {
            try await other.commit(
                .put(StateStoreConformance.plain("ioIntegrations.x")), expectingSerial: 3, lease: otherLease,
                context: StateStoreConformance.context, clearingIntent: nil)
        }
        #expect(stale?.code == .staleSerial)
        #expect(stale?.message.hasPrefix("state 'other' is at serial 0, not 3") == true, "\(String(describing: stale))")
        await #expect(throws: StateError.leaseLost(id: otherLease.info.id, workspace: store.workspace)) {
            try await store.commit(
                .put(StateStoreConformance.plain("ioIntegrations.x")), expectingSerial: 3, lease: otherLease,
                context: StateStoreConformance.context, clearingIntent: nil)
        }
        #expect(
            try await other.commit(
                .put(StateStoreConformance.plain("ioIntegrations.x")), expectingSerial: 0, lease: otherLease,
                context: StateStoreConformance.context, clearingIntent: nil) == 1)
        #expect(try await store.load().serial == 3)
        try await lease.release()
        try await otherLease.release()
        try await store.close()
    }
}
