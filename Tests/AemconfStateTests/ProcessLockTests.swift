import AemconfState
import AemconfStatePostgres
import AemconfStateSQLite
import AemconfTestSupport
import Foundation
import Testing

/// Locks between two processes: the probe holds the lock, this process tries it.
@Suite("StateLease between processes")
struct ProcessLockTests {
    enum Backend: String, CaseIterable, Sendable {
        case sqlite
        case postgres
    }

    struct Database {
        var location: String
        var directory: TemporaryDirectory?

        func open() async throws -> any StateStore {
            switch try StateLocation(parsing: location) {
            case .sqlite(let path): try SQLiteStateStore(path: path)
            case .postgres(let url): try await PostgresStateStore.connect(url: url)
            }
        }
    }

    static func database(_ backend: Backend) async throws -> Database {
        switch backend {
        case .sqlite:
            let directory = try TemporaryDirectory(prefix: "aemconf-locks")
            return Database(location: "sqlite:" + directory.path("state.db"), directory: directory)
        case .postgres:
            return Database(location: try await TestPostgres.freshDatabaseURL(), directory: nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func lockExcludesAnotherProcessAndKillNineReleasesIt(_ backend: Backend) async throws {
        let database = try await Self.database(backend)
        defer { database.directory?.remove() }
        let store = try await database.open()
        _ = try await store.load()
        let probe = try await ChildProcess.start(
            executable: try BuiltProduct.require("aemconf-state-probe"),
            arguments: ["hold-lock", database.location, "default"]
        )
        let line = try await probe.waitForLine { $0.hasPrefix("locked ") }
        let lockID = String(line.dropFirst("locked ".count))
        do {
            _ = try await store.tryLock(StateStoreConformance.request("apply"))
            Issue.record("the probe holds the lock; taking it must fail")
        } catch let error as StateError {
            #expect(error.code == .locked)
            #expect(error.holder?.id == lockID)
            #expect(error.holder?.pid == probe.pid, "the holder is the other process")
            #expect(error.message.contains("aemconf state unlock \(lockID)"))
        }
        probe.send(signal: SIGKILL)
        _ = try await probe.waitForExit(timeout: .seconds(300))
        let lease = try await store.lock(StateStoreConformance.request("apply"), timeout: .seconds(20))
        #expect(lease.info.id != lockID, "the dead holder's lock was taken over")
        try await lease.release()
        try await store.close()
    }

    @Test(arguments: Backend.allCases)
    func sigtermReleasesTheLock(_ backend: Backend) async throws {
        let database = try await Self.database(backend)
        defer { database.directory?.remove() }
        let store = try await database.open()
        _ = try await store.load()
        let probe = try await ChildProcess.start(
            executable: try BuiltProduct.require("aemconf-state-probe"),
            arguments: ["hold-lock", database.location, "default"]
        )
        _ = try await probe.waitForLine { $0.hasPrefix("locked ") }
        #expect(try await store.locks().count == 1)
        probe.send(signal: SIGTERM)
        let result = try await probe.waitForExit(timeout: .seconds(300))
        #expect(result.termination == .exited(128 + SIGTERM), "the probe exits with 128 + SIGTERM after releasing")
        #expect(
            result.standardError.contains("received SIGTERM; released lock"), "the CLI's InterruptController said so")
        #expect(try await store.locks().isEmpty, "the holder row is gone: the lock was released, not abandoned")
        let lease = try await store.tryLock(StateStoreConformance.request("apply"))
        try await lease.release()
        try await store.close()
    }
}
