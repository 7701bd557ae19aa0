import AemconfModel
import AemconfState
import AemconfStateSQLite
import AemconfTestSupport
import Foundation
import Testing

@Suite("SQLiteStateStore")
struct SQLiteStateStoreTests {
    @Test func migratesAnEmptyFileWithNamedMigrationsAndMode0600() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let path = directory.path(".aemconf/state.db")
        let store = try SQLiteStateStore(path: path)
        #expect(
            try await store.appliedMigrations() == [
                "0001-create-state", "0002-create-resource", "0003-create-resource-history", "0004-create-intent",
                "0005-create-state-lock",
            ]
        )
        try await store.commit(.put(StateStoreConformance.plain("a.row")), expectingSerial: 0, context: StateStoreConformance.context)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "the file is in WAL mode")
        let walAttributes = try FileManager.default.attributesOfItem(atPath: path + "-wal")
        #expect((walAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        try await store.close()
        let reopened = try SQLiteStateStore(path: path)
        #expect(try await reopened.load().serial == 1, "reopening does not migrate again or lose rows")
        try await reopened.close()
    }

    @Test func expiredLeaseIsTakenOverAndLogged() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let clock = VirtualClock()
        let configuration = SQLiteStateStore.Configuration(
            clock: clock,
            leaseDuration: .seconds(30),
            heartbeatInterval: nil
        )
        let store = try SQLiteStateStore(path: directory.path("state.db"), configuration: configuration)
        let stuck = try await store.tryLock(StateStoreConformance.request("apply"))
        clock.advance(by: 29)
        await #expect(throws: StateError.locked) {
            try await store.tryLock(StateStoreConformance.request("plan"))
        }
        #expect(try await store.locks().first?.alive == true)
        clock.advance(by: 2)
        #expect(try await store.locks().first?.alive == false, "a lease past its expiry is dead")
        let taken = try await store.tryLock(StateStoreConformance.request("plan"))
        #expect(taken.info.id != stuck.info.id)
        #expect(try await store.locks().map(\.id) == [taken.info.id], "the takeover replaced the stuck lease")
        try await stuck.release()
        #expect(try await store.locks().map(\.id) == [taken.info.id], "the old holder's late release is harmless")
        try await taken.release()
        try await store.close()
    }

    @Test func heartbeatKeepsTheLeaseAlive() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let clock = VirtualClock()
        let store = try SQLiteStateStore(
            path: directory.path("state.db"),
            configuration: .init(clock: clock, leaseDuration: .seconds(30), heartbeatInterval: .milliseconds(20))
        )
        let lease = try await store.tryLock(StateStoreConformance.request("apply"))
        clock.advance(by: 25)
        var renewed = false
        for _ in 0..<500 where !renewed {
            try await Task.sleep(for: .milliseconds(10))
            renewed = try await store.locks().first?.heartbeatAt == clock.now()
        }
        #expect(renewed, "the heartbeat renewed the lease")
        clock.advance(by: 25)
        #expect(try await store.locks().first?.alive == true, "past the first expiry, the renewed lease lives")
        try await lease.release()
        #expect(try await store.locks().isEmpty)
        try await store.close()
    }

    @Test func leaseOfAGoneProcessOnThisHostIsDead() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let store = try SQLiteStateStore(path: directory.path("state.db"))
        var request = StateStoreConformance.request("apply")
        let finished = try await ChildProcess.start(executable: "/bin/true")
        _ = try await finished.waitForExit(timeout: .seconds(60))
        request.pid = finished.pid
        _ = try await store.tryLock(request)
        #expect(try await store.locks().first?.alive == false, "its pid is gone, so the lease is dead")
        let next = try await store.tryLock(StateStoreConformance.request("apply"))
        try await next.release()
        try await store.close()
    }

    @Test func canaryNeverReachesTheDatabaseBytes() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let path = directory.path("state.db")
        let store = try SQLiteStateStore(path: path)
        let sealer = SecretSealer(key: .generate())
        let fingerprinter = try await store.load().fingerprinter
        var record = StateStoreConformance.plain("ioIntegrations.canary")
        record.secrets = [
            "clientSecret": .sealed(
                try sealer.seal(Secret(StateStoreConformance.canary), address: record.address, field: "clientSecret")
            ),
            "password": .fingerprint(fingerprinter.fingerprint(Secret(StateStoreConformance.canary))),
        ]
        try await store.commit(.put(record), expectingSerial: 0, context: StateStoreConformance.context)
        try await store.rekey(from: sealer, to: SecretSealer(key: .generate()))
        let canary = Data(StateStoreConformance.canary.utf8)
        for file in [path, path + "-wal"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(!bytes.isEmpty)
            #expect(bytes.range(of: canary) == nil, "no plaintext canary in '\(file)'")
        }
        try await store.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.range(of: canary) == nil, "no plaintext canary after checkpoint")
    }

    @Test func storageErrorsNameTheFileNotTheValues() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let blocker = directory.path("not-a-directory")
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        #expect {
            _ = try SQLiteStateStore(path: blocker + "/state.db")
        } throws: { error in
            (error as? StateError)?.code == .storage && "\(error)".contains("not-a-directory")
        }
    }
}
