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
                "0005-create-state-lock", "0006-plural-resource-kinds",
            ]
        )
        let lease = try await store.tryLock(StateStoreConformance.request("apply"))
        try await store.commit(
            .put(StateStoreConformance.plain("ioIntegrations.row")),
            expectingSerial: 0,
            lease: lease,
            context: StateStoreConformance.context
        )
        try await lease.release()
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
        _ = try await finished.waitForExit(timeout: .seconds(300))
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
                try sealer.seal(
                    Secret(StateStoreConformance.canary), address: record.address.description, field: "clientSecret",
                    scope: SealScope(try await store.load())
                )
            ),
            "password": .fingerprint(fingerprinter.fingerprint(Secret(StateStoreConformance.canary))),
        ]
        let lease = try await store.tryLock(StateStoreConformance.request("apply"))
        try await store.commit(.put(record), expectingSerial: 0, lease: lease, context: StateStoreConformance.context)
        try await lease.release()
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

    @Test func readOnlyOpenOfAMissingFileReadsEmptyAndCreatesNothing() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let path = directory.path(".aemconf/state.db")
        let store = try SQLiteStateStore(path: path, readOnly: true)
        let snapshot = try await store.read()
        #expect(snapshot.serial == 0 && snapshot.lineage == "" && snapshot.resources.isEmpty)
        #expect(try await store.workspaces().isEmpty)
        #expect(try await store.locks().isEmpty)
        #expect(try await store.history(address: nil).isEmpty)
        await #expect(throws: StateError.self) { try await store.load() }
        await #expect(throws: StateError.self) { try await store.tryLock(StateStoreConformance.request("apply")) }
        #expect(!FileManager.default.fileExists(atPath: directory.path(".aemconf")), "no directory was created")
        try await store.close()
    }

    @Test func readOnlyOpenOfAnExistingFileReadsItsRows() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let path = directory.path("state.db")
        let writer = try SQLiteStateStore(path: path)
        let lease = try await writer.tryLock(StateStoreConformance.request("apply"))
        try await writer.commit(
            .put(StateStoreConformance.plain("ioIntegrations.row")),
            expectingSerial: 0,
            lease: lease,
            context: StateStoreConformance.context
        )
        try await lease.release()
        let written = try await writer.load()
        try await writer.close()
        let reader = try SQLiteStateStore(path: path, readOnly: true)
        #expect(try await reader.read() == written)
        #expect(try await reader.workspace(named: "other").read().lineage == "")
        #expect(try await reader.workspaces() == ["default"], "reading another state created none")
        try await reader.close()
    }

    @Test func migrationRewritesSingularKindsAndAddresses() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let path = directory.path("state.db")
        let store = try SQLiteStateStore(path: path)
        let lease = try await store.tryLock(StateStoreConformance.request("apply"))
        var record = StateStoreConformance.plain("ioIntegrations.prod")
        record.dependencies = ["imsConfigurations.prod"]
        try await store.commit(.put(record), expectingSerial: 0, lease: lease, context: StateStoreConformance.context)
        let intent = try await store.openIntent(
            address: record.address,
            action: .create,
            remoteName: "aemconf-prod",
            lease: lease
        )
        try await lease.release()
        try await store.close()
        // Rows as an older build wrote them, and the migration not yet applied.
        try await Self.sqlite(
            path,
            """
            UPDATE resource SET kind = 'ioIntegration', address = 'ioIntegration.prod',
                dependencies = '["imsConfiguration.prod"]';
            UPDATE resource_history SET kind = 'ioIntegration', address = 'ioIntegration.prod';
            UPDATE intent SET address = 'ioIntegration.prod';
            INSERT INTO resource (workspace, address, kind, attributes, remote_ids, secrets, dependencies, serial)
                VALUES ('default', 'targetCloudServices.wknd', 'targetCloudService', '{}', '{}', '{}', '[]', 1);
            DELETE FROM grdb_migrations WHERE identifier = '0006-plural-resource-kinds';
            """
        )
        let migrated = try SQLiteStateStore(path: path)
        let snapshot = try await migrated.load()
        #expect(snapshot[record.address] == record, "the row is back under the plural spelling")
        #expect(
            snapshot.resources.keys.map(\.description).sorted() == ["ioIntegrations.prod", "targetCloudServices.wknd"])
        #expect(try await migrated.history(address: record.address).count == 1)
        #expect(try await migrated.openIntents().map(\.address) == [record.address])
        #expect(try await migrated.openIntents().map(\.id) == [intent.id])
        #expect(
            try await Self.sqlite(path, "SELECT DISTINCT kind FROM resource ORDER BY kind")
                == "ioIntegrations\ntargetCloudServices")
        try await migrated.close()
    }

    @Test func rowsWhoseAddressOrKindDoNotParseAreCorrupt() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-sqlite")
        defer { directory.remove() }
        let path = directory.path("state.db")
        let store = try SQLiteStateStore(path: path)
        _ = try await store.load()
        try await store.close()
        try await Self.sqlite(
            path,
            """
            INSERT INTO resource (workspace, address, kind, attributes, remote_ids, secrets, dependencies, serial)
                VALUES ('default', 'widgets.prod', 'widgets', '{}', '{}', '{}', '[]', 1);
            """
        )
        let reopened = try SQLiteStateStore(path: path)
        await #expect(throws: StateError.corruptRow) { try await reopened.load() }
        try await Self.sqlite(path, "UPDATE resource SET address = 'ioIntegrations.prod', kind = 'imsConfigurations'")
        await #expect(throws: StateError.corruptRow) { try await reopened.read() }
        try await reopened.close()
    }

    /// Runs SQL with the `sqlite3` shell and returns its output.
    @discardableResult
    static func sqlite(_ path: String, _ sql: String) async throws -> String {
        let result = try await ChildProcess.run(executable: "/usr/bin/env", arguments: ["sqlite3", path, sql])
        guard result.status == 0 else {
            throw SQLiteShellFailure(description: "sqlite3 failed: \(result.standardError)")
        }
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The `sqlite3` shell failed.
struct SQLiteShellFailure: Error, CustomStringConvertible {
    let description: String
}
