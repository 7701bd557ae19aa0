import AemconfModel
import AemconfState
import Foundation

/// The one conformance suite every ``StateStore`` passes (Terraform's `statemgr.TestFull`).
///
/// A test target runs each ``Check`` against a factory that returns a handle on a fresh, empty database whose
/// clock is the given ``VirtualClock``. A failed expectation throws ``Failure`` naming the check and what differed.
///
/// ```swift
/// @Test(arguments: StateStoreConformance.Check.allCases)
/// func sqlite(_ check: StateStoreConformance.Check) async throws {
///     try await StateStoreConformance { clock in try SQLiteStateStore(path: …, configuration: .init(clock: clock)) }
///         .run(check)
/// }
/// ```
public struct StateStoreConformance: Sendable {
    /// Makes a handle on a fresh, empty database using `clock`.
    public typealias Factory = @Sendable (_ clock: VirtualClock) async throws -> any StateStore

    /// One behaviour every store must have.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// A new state has a random lineage and serial 0, and keeps its lineage.
        case newStateHasLineageAndSerialZero
        /// A committed row loads back equal, and the serial is bumped.
        case commitRoundTripsRowAndBumpsSerial
        /// A writer holding an old serial is refused and changes nothing.
        case staleWriterIsRefused
        /// Concurrent writers that reload on a stale serial all land, one serial each.
        case concurrentWritersSerialize
        /// Removing a row deletes it; removing a missing row fails.
        case removeDeletesRow
        /// Every version of a row stays in history and can be read at its serial.
        case historyKeepsEveryVersion
        /// Named states live side by side and do not see each other.
        case workspacesAreIndependent
        /// Intents are journaled, listed and cleared with the commit of their step.
        case intentsAreJournaledAndCleared
        /// A held lock excludes a second holder, whose error names the holder and the unlock command.
        case lockExcludesSecondHolder
        /// A lock appears in the lock list; unlock refuses a live lock unless forced.
        case lockListAndUnlock
        /// Waiting for a lock succeeds once it is released; a short timeout fails with the holder.
        case lockTimeoutWaitsWithBackoff
        /// Rekey re-seals rows and history of every named state; the old key no longer opens them.
        case rekeyResealsEverything
        /// Rekey with the wrong old key fails and changes nothing.
        case rekeyWithWrongKeyChangesNothing
        /// Push replaces the state in one commit, refusing another lineage or a stale serial.
        case pushReplacesStateCheckingLineageAndSerial
        /// Push into a new, empty state adopts the file's lineage.
        case pushIntoEmptyStateAdoptsLineage
        /// A sealed canary never appears in pull output, history or errors.
        case sealedCanaryNeverLeaks

        /// The case name.
        public var description: String { rawValue }
    }

    /// An expectation that did not hold.
    public struct Failure: Error, CustomStringConvertible {
        /// What differed.
        public let description: String
    }

    /// The canary secret used by ``Check/sealedCanaryNeverLeaks``; tests of raw bytes look for it too.
    public static let canary = "canary-5f3e0c1d-never-in-plaintext"

    private let makeStore: Factory

    /// Creates the suite for one store implementation.
    public init(makeStore: @escaping Factory) {
        self.makeStore = makeStore
    }

    /// Runs `check` against a fresh database.
    public func run(_ check: Check) async throws {
        let clock = VirtualClock()
        let store = try await makeStore(clock)
        do {
            try await run(check, store: store, clock: clock)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    // swiftlint:disable:next cyclomatic_complexity
    private func run(_ check: Check, store: any StateStore, clock: VirtualClock) async throws {
        switch check {
        case .newStateHasLineageAndSerialZero: try await newState(store)
        case .commitRoundTripsRowAndBumpsSerial: try await roundTrip(store, clock)
        case .staleWriterIsRefused: try await staleWriter(store)
        case .concurrentWritersSerialize: try await concurrentWriters(store)
        case .removeDeletesRow: try await remove(store)
        case .historyKeepsEveryVersion: try await history(store, clock)
        case .workspacesAreIndependent: try await workspaces(store)
        case .intentsAreJournaledAndCleared: try await intents(store)
        case .lockExcludesSecondHolder: try await lockExcludes(store)
        case .lockListAndUnlock: try await lockList(store)
        case .lockTimeoutWaitsWithBackoff: try await lockTimeout(store)
        case .rekeyResealsEverything: try await rekey(store)
        case .rekeyWithWrongKeyChangesNothing: try await rekeyWrongKey(store)
        case .pushReplacesStateCheckingLineageAndSerial: try await push(store)
        case .pushIntoEmptyStateAdoptsLineage: try await pushAdopts(store)
        case .sealedCanaryNeverLeaks: try await canaryNeverLeaks(store)
        }
    }

    // MARK: - Checks

    private func newState(_ store: any StateStore) async throws {
        let first = try await store.load()
        try await expect(first.serial == 0, "a new state has serial 0, got \(first.serial)")
        try await expect(!first.lineage.isEmpty, "a new state has a lineage")
        try await expect(first.resources.isEmpty, "a new state has no resources")
        let again = try await store.load()
        try await expect(again.lineage == first.lineage, "the lineage is fixed at creation")
        let other = try await store.workspace(named: "other").load()
        try await expect(other.lineage != first.lineage, "each state draws its own lineage")
        try await expect(try await store.workspaces() == [store.workspace, "other"].sorted(), "both states are listed")
    }

    private func roundTrip(_ store: any StateStore, _ clock: VirtualClock) async throws {
        let snapshot = try await store.load()
        let sealer = SecretSealer(key: .generate())
        let record = try Self.record(
            "ioIntegrations.target-prod",
            version: 1,
            clock: clock,
            fingerprinter: snapshot.fingerprinter,
            sealer: sealer
        )
        let serial = try await store.commit(.put(record), expectingSerial: 0, context: Self.context)
        try await expect(serial == 1, "the first commit produces serial 1, got \(serial)")
        let loaded = try await store.load()
        try await expect(loaded.serial == 1, "load sees serial 1, got \(loaded.serial)")
        try await expect(loaded.lineage == snapshot.lineage, "a commit keeps the lineage")
        try await expect(loaded[record.address] == record, "the row loads back equal:\n\(String(describing: loaded[record.address]))\nvs\n\(record)")
        try await expect(
            loaded.fingerprinter.matches(Secret("client-secret-1"), try Self.fingerprint(loaded, record.address)),
            "the fingerprint key survives a reload"
        )
        let updated = try Self.record(
            record.address,
            version: 2,
            clock: clock,
            fingerprinter: snapshot.fingerprinter,
            sealer: sealer
        )
        try await expect(try await store.commit(.put(updated), expectingSerial: 1, context: Self.context) == 2, "serial 2")
        try await expect(try await store.load()[record.address] == updated, "an update replaces the row")
    }

    private func staleWriter(_ store: any StateStore) async throws {
        let other = store.workspace(named: store.workspace)
        let mine = try await store.load()
        let theirs = try await other.load()
        try await store.commit(.put(Self.plain("a.first")), expectingSerial: mine.serial, context: Self.context)
        do {
            try await other.commit(.put(Self.plain("a.second")), expectingSerial: theirs.serial, context: Self.context)
            throw Failure(description: "a stale writer must be refused")
        } catch let error as StateError {
            try await expect(error.code == .staleSerial, "stale writer gets state.stale-serial, got \(error.code)")
            try await expect(error.message.contains("serial 1, not 0"), "the message names both serials: \(error.message)")
        }
        let loaded = try await store.load()
        try await expect(loaded.serial == 1 && loaded["a.second"] == nil, "the refused commit changed nothing")
    }

    private func concurrentWriters(_ store: any StateStore) async throws {
        let writers = 8
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<writers {
                let handle = store.workspace(named: store.workspace)
                group.addTask {
                    while true {
                        let snapshot = try await handle.load()
                        do {
                            try await handle.commit(
                                .put(Self.plain("writer.w\(index)")),
                                expectingSerial: snapshot.serial,
                                context: Self.context
                            )
                            return
                        } catch let error as StateError where error.code == .staleSerial {
                            continue
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let loaded = try await store.load()
        try await expect(loaded.serial == Int64(writers), "every writer bumped the serial once, got \(loaded.serial)")
        try await expect(loaded.resources.count == writers, "every writer's row landed, got \(loaded.resources.count)")
        let serials = try await store.history(address: nil).map(\.serial)
        try await expect(serials == Array(1...Int64(writers)), "history has one entry per serial: \(serials)")
    }

    private func remove(_ store: any StateStore) async throws {
        try await store.commit(.put(Self.plain("a.one")), expectingSerial: 0, context: Self.context)
        try await store.commit(.put(Self.plain("a.two")), expectingSerial: 1, context: Self.context)
        try await store.commit(.remove(address: "a.one"), expectingSerial: 2, context: Self.context)
        let loaded = try await store.load()
        try await expect(loaded.serial == 3 && loaded["a.one"] == nil && loaded["a.two"] != nil, "a.one is gone")
        do {
            try await store.commit(.remove(address: "a.one"), expectingSerial: 3, context: Self.context)
            throw Failure(description: "removing a missing row must fail")
        } catch let error as StateError {
            try await expect(error.code == .resourceNotFound, "missing row gives resource-not-found, got \(error.code)")
        }
        try await expect(try await store.load().serial == 3, "the failed remove did not bump the serial")
    }

    private func history(_ store: any StateStore, _ clock: VirtualClock) async throws {
        let fingerprinter = try await store.load().fingerprinter
        let v1 = try Self.record("a.row", version: 1, clock: clock, fingerprinter: fingerprinter, sealer: nil)
        try await store.commit(.put(v1), expectingSerial: 0, context: CommitContext(author: "alice@h1", command: "apply"))
        clock.advance(by: 60)
        try await store.commit(.put(Self.plain("b.row")), expectingSerial: 1, context: Self.context)
        clock.advance(by: 60)
        let v2 = try Self.record("a.row", version: 2, clock: clock, fingerprinter: fingerprinter, sealer: nil)
        try await store.commit(.put(v2), expectingSerial: 2, context: CommitContext(author: "bob@h2", command: "apply"))
        try await store.commit(.remove(address: "a.row"), expectingSerial: 3, context: Self.context)

        let entries = try await store.history(address: "a.row")
        try await expect(entries.map(\.serial) == [1, 3, 4], "history of a.row has serials 1, 3, 4: \(entries.map(\.serial))")
        try await expect(entries.map(\.action) == [.put, .put, .remove], "actions put, put, remove")
        try await expect(entries[0].author == "alice@h1" && entries[1].author == "bob@h2", "history keeps who")
        try await expect(entries[0].command == "apply", "history keeps the command")
        try await expect(entries[1].committedAt == entries[0].committedAt.addingTimeInterval(120), "history keeps when")
        try await expect(entries[0].record == v1 && entries[1].record == v2, "history keeps each version")
        try await expect(try await store.history(address: nil).count == 4, "the full history has 4 entries")
        try await expect(try await store.resource("a.row", atSerial: 1) == v1, "show --serial 1 gives v1")
        try await expect(try await store.resource("a.row", atSerial: 2) == v1, "show --serial 2 gives v1 (unchanged)")
        try await expect(try await store.resource("a.row", atSerial: 3) == v2, "show --serial 3 gives v2")
        for serial: Int64 in [0, 4] {
            do {
                _ = try await store.resource("a.row", atSerial: serial)
                throw Failure(description: "a.row did not exist at serial \(serial)")
            } catch let error as StateError {
                try await expect(error.code == .resourceNotFound, "no version at \(serial): resource-not-found")
            }
        }
    }

    private func workspaces(_ store: any StateStore) async throws {
        let prod = store.workspace(named: "prod")
        let stage = store.workspace(named: "stage")
        try await prod.commit(.put(Self.plain("a.prod")), expectingSerial: 0, context: Self.context)
        try await prod.commit(.put(Self.plain("a.shared")), expectingSerial: 1, context: Self.context)
        try await stage.commit(.put(Self.plain("a.shared")), expectingSerial: 0, context: Self.context)
        let prodState = try await prod.load()
        let stageState = try await stage.load()
        try await expect(prodState.serial == 2 && stageState.serial == 1, "serials are per state")
        try await expect(prodState.lineage != stageState.lineage, "lineages are per state")
        try await expect(stageState["a.prod"] == nil, "stage does not see prod's rows")
        try await expect(try await stage.history(address: nil).count == 1, "history is per state")
        let lease = try await prod.tryLock(Self.request("apply"))
        let stageLease = try await stage.tryLock(Self.request("apply"))
        try await stageLease.release()
        try await lease.release()
        let names = try await store.workspaces()
        try await expect(names.contains("prod") && names.contains("stage"), "both states are listed: \(names)")
    }

    private func intents(_ store: any StateStore) async throws {
        let first = try await store.openIntent(address: "a.one", action: .create, remoteName: "aemconf-a-one")
        let second = try await store.openIntent(address: "a.two", action: .update, remoteName: "id-42")
        let open = try await store.openIntents()
        try await expect(Set(open.map(\.id)) == [first.id, second.id], "both intents are open")
        try await expect(open.first { $0.id == first.id } == first, "an intent reads back equal")
        let other = try await store.workspace(named: "other").openIntents()
        try await expect(other.isEmpty, "intents are per state")
        try await store.commit(
            .put(Self.plain("a.one")),
            expectingSerial: 0,
            context: Self.context,
            clearingIntent: first.id
        )
        try await expect(try await store.openIntents().map(\.id) == [second.id], "the commit cleared its intent")
        try await store.clearIntent(id: second.id)
        try await expect(try await store.openIntents().isEmpty, "no intent left")
        do {
            try await store.clearIntent(id: second.id)
            throw Failure(description: "clearing a cleared intent must fail")
        } catch let error as StateError {
            try await expect(error.code == .intentNotFound, "intent-not-found, got \(error.code)")
        }
    }

    private func lockExcludes(_ store: any StateStore) async throws {
        let lease = try await store.tryLock(Self.request("apply"))
        try await expect(lease.info.workspace == store.workspace && lease.info.operation == "apply", "lease info")
        do {
            _ = try await store.workspace(named: store.workspace).tryLock(Self.request("plan"))
            throw Failure(description: "a second holder must be refused")
        } catch let error as StateError {
            try await expect(error.code == .locked, "locked, got \(error.code)")
            try await expect(error.holder?.id == lease.info.id, "the error names the holder's lock id")
            try await expect(
                error.message.contains("aemconf state unlock \(lease.info.id)"),
                "the message gives the unlock command: \(error.message)"
            )
            try await expect(error.message.contains("apply") && error.message.contains("pid"), "names operation and pid")
        }
        try await lease.release()
        let next = try await store.tryLock(Self.request("plan"))
        try await next.release()
        try await lease.release()
    }

    private func lockList(_ store: any StateStore) async throws {
        var request = Self.request("apply")
        request.ciRun = "https://ci.example/jobs/7"
        let lease = try await store.tryLock(request)
        let listed = try await store.locks()
        try await expect(listed.count == 1, "one lock listed, got \(listed.count)")
        try await expect(listed.first?.id == lease.info.id && listed.first?.alive == true, "the lock is listed alive")
        try await expect(listed.first?.ciRun == "https://ci.example/jobs/7", "the lock keeps the CI run")
        do {
            try await store.unlock(id: lease.info.id, force: false)
            throw Failure(description: "unlocking a live lock without force must fail")
        } catch let error as StateError {
            try await expect(error.code == .lockAlive, "lock-alive, got \(error.code)")
            try await expect(error.message.contains("--force"), "the message names --force")
        }
        let removed = try await store.unlock(id: lease.info.id, force: true)
        try await expect(removed.id == lease.info.id && removed.user == request.user, "unlock returns who held it")
        try await expect(try await store.locks().isEmpty, "no lock left")
        let again = try await store.tryLock(Self.request("apply"))
        try await again.release()
        try await lease.release()
        do {
            try await store.unlock(id: "no-such-lock", force: true)
            throw Failure(description: "unlocking an unknown id must fail")
        } catch let error as StateError {
            try await expect(error.code == .lockNotFound, "lock-not-found, got \(error.code)")
        }
    }

    private func lockTimeout(_ store: any StateStore) async throws {
        let lease = try await store.tryLock(Self.request("apply"))
        do {
            _ = try await store.lock(Self.request("plan"), timeout: .milliseconds(300))
            throw Failure(description: "a short timeout must fail while the lock is held")
        } catch let error as StateError {
            try await expect(error.code == .locked && error.holder?.id == lease.info.id, "times out naming the holder")
        }
        let releaser = Task {
            try await Task.sleep(for: .milliseconds(400))
            try await lease.release()
        }
        // Generous: other tests in the same parallel run block cooperative threads while they wait for child
        // processes, which can delay the releaser; the check is that the waiter gets the lock, not how fast.
        let next = try await store.lock(Self.request("plan"), timeout: .seconds(300))
        try await releaser.value
        try await expect(next.info.operation == "plan", "the waiter got the lock after release")
        try await next.release()
    }

    private func rekey(_ store: any StateStore) async throws {
        let old = SecretSealer(key: .generate())
        let new = SecretSealer(key: .generate())
        for name in ["prod", "stage"] {
            let handle = store.workspace(named: name)
            let secret = try old.seal(Secret("value-\(name)"), address: "a.\(name)", field: "clientSecret")
            var record = Self.plain("a.\(name)")
            record.secrets = ["clientSecret": .sealed(secret)]
            try await handle.commit(.put(record), expectingSerial: 0, context: Self.context)
            record.secrets["privateKey"] = .sealed(try old.seal(Secret("key-\(name)"), address: record.address, field: "privateKey"))
            try await handle.commit(.put(record), expectingSerial: 1, context: Self.context)
        }
        let count = try await store.rekey(from: old, to: new)
        try await expect(count == 10, "2 current + 3 history values in each of 2 states: expected 10 re-sealed, got \(count)")
        for name in ["prod", "stage"] {
            let handle = store.workspace(named: name)
            let record = try await handle.load()["a.\(name)"]
            let sealed = try Self.sealed(record, "clientSecret")
            try await expect(sealed.keyID == new.key.id, "the row is sealed under the new key")
            try await expect(try new.open(sealed, address: "a.\(name)", field: "clientSecret").revealed == "value-\(name)", "opens")
            do {
                _ = try old.open(sealed, address: "a.\(name)", field: "clientSecret")
                throw Failure(description: "the old key must no longer open the value")
            } catch let error as StateError {
                try await expect(error.code == .wrongStateKey, "wrong-key, got \(error.code)")
                try await expect(error.message.contains(new.key.id), "the message names the key id it was sealed with")
            }
            let first = try await handle.resource("a.\(name)", atSerial: 1)
            let oldVersion = try Self.sealed(first, "clientSecret")
            try await expect(oldVersion.keyID == new.key.id, "history is re-sealed too")
            try await expect(try new.open(oldVersion, address: "a.\(name)", field: "clientSecret").revealed == "value-\(name)", "history opens")
        }
        try await expect(try await store.rekey(from: old, to: new) == 0, "rekey again finds nothing left to re-seal")
    }

    private func rekeyWrongKey(_ store: any StateStore) async throws {
        let right = SecretSealer(key: .generate())
        let wrong = SecretSealer(key: .generate())
        var record = Self.plain("a.row")
        record.secrets = ["clientSecret": .sealed(try right.seal(Secret("v"), address: "a.row", field: "clientSecret"))]
        try await store.commit(.put(record), expectingSerial: 0, context: Self.context)
        try await store.workspace(named: "other").commit(.put(Self.plain("b.row")), expectingSerial: 0, context: Self.context)
        do {
            try await store.rekey(from: wrong, to: SecretSealer(key: .generate()))
            throw Failure(description: "rekey with the wrong old key must fail")
        } catch let error as StateError {
            try await expect(error.code == .wrongStateKey, "wrong-key, got \(error.code)")
        }
        let loaded = try await store.load()
        try await expect(loaded["a.row"] == record, "nothing changed")
    }

    private func push(_ store: any StateStore) async throws {
        try await store.commit(.put(Self.plain("a.keep")), expectingSerial: 0, context: Self.context)
        try await store.commit(.put(Self.plain("a.drop")), expectingSerial: 1, context: Self.context)
        var file = try await store.pull()
        try await expect(file.serial == 2 && file.resources.map(\.address) == ["a.drop", "a.keep"], "pull has both rows")
        let data = try file.encoded()
        file = try StateFile.decode(data)
        file.resources.removeAll { $0.address == "a.drop" }
        var added = Self.plain("a.added")
        added.remoteIDs = ["id": "42"]
        file.resources.append(added)
        let serial = try await store.push(file, context: CommitContext(author: "ops@h", command: "state push"))
        try await expect(serial == 3, "push is one commit: serial 3, got \(serial)")
        let loaded = try await store.load()
        try await expect(Set(loaded.resources.keys) == ["a.keep", "a.added"], "push replaced the rows: \(loaded.resources.keys)")
        try await expect(loaded["a.added"] == added, "the pushed row is stored as given")
        let pushedHistory = try await store.history(address: nil).filter { $0.serial == 3 }
        try await expect(pushedHistory.count == 2 && pushedHistory.allSatisfy { $0.command == "state push" }, "push history")
        do {
            try await store.push(file, context: Self.context)
            throw Failure(description: "a file behind the state's serial must be refused")
        } catch let error as StateError {
            try await expect(error.code == .staleSerial, "stale-serial, got \(error.code)")
        }
        var foreign = try await store.pull()
        foreign.lineage = "another-lineage"
        do {
            try await store.push(foreign, context: Self.context)
            throw Failure(description: "a file of another lineage must be refused")
        } catch let error as StateError {
            try await expect(error.code == .lineageMismatch, "lineage-mismatch, got \(error.code)")
        }
        try await expect(try await store.load().serial == 3, "refused pushes changed nothing")
    }

    private func pushAdopts(_ store: any StateStore) async throws {
        try await store.commit(.put(Self.plain("a.row")), expectingSerial: 0, context: Self.context)
        let file = try await store.pull()
        let fresh = store.workspace(named: "restored")
        try await fresh.push(file, context: Self.context)
        let restored = try await fresh.load()
        try await expect(restored.lineage == file.lineage, "the empty state adopted the file's lineage")
        try await expect(restored["a.row"] == file.resources.first, "the row was restored")
    }

    private func canaryNeverLeaks(_ store: any StateStore) async throws {
        let sealer = SecretSealer(key: .generate())
        var record = Self.plain("ioIntegrations.canary")
        let fingerprinter = try await store.load().fingerprinter
        record.secrets = [
            "clientSecret": .sealed(try sealer.seal(Secret(Self.canary), address: record.address, field: "clientSecret")),
            "password": .fingerprint(fingerprinter.fingerprint(Secret(Self.canary))),
        ]
        try await store.commit(.put(record), expectingSerial: 0, context: Self.context)
        let pulled = String(decoding: try await store.pull().encoded(), as: UTF8.self)
        try await expect(!pulled.contains(Self.canary), "pull output holds no plaintext")
        try await expect(pulled.contains(sealer.key.id), "pull output keeps the sealed value's key id")
        let history = try await store.history(address: nil)
        try await expect(!"\(history)".contains(Self.canary), "history descriptions hold no plaintext")
        let loaded = try await store.load()
        try await expect(!"\(loaded.resources)".contains(Self.canary), "record descriptions hold no plaintext")
        try await expect("\(record.secrets["clientSecret"].map { "\($0)" } ?? "")" == "(sensitive)", "sealed prints (sensitive)")
        do {
            _ = try SecretSealer(key: .generate()).open(
                try Self.sealed(loaded[record.address], "clientSecret"),
                address: record.address,
                field: "clientSecret"
            )
            throw Failure(description: "a fresh key must not open the value")
        } catch let error as StateError {
            try await expect(!"\(error)".contains(Self.canary), "the wrong-key error holds no plaintext")
        }
        let opened = try sealer.open(try Self.sealed(loaded[record.address], "clientSecret"), address: record.address, field: "clientSecret")
        try await expect(opened.revealed == Self.canary, "the right key opens the canary")
        do {
            _ = try sealer.open(try Self.sealed(loaded[record.address], "clientSecret"), address: record.address, field: "password")
            throw Failure(description: "a sealed value moved to another field must not open")
        } catch let error as StateError {
            try await expect(error.code == .sealedValueCorrupt, "sealed-value-corrupt, got \(error.code)")
        }
    }

    // MARK: - Fixtures

    /// The commit context of the fixtures.
    public static let context = CommitContext(author: "tester@test-host", command: "test")

    /// A lock request from this process.
    public static func request(_ operation: String) -> LockRequest {
        LockRequest.current(operation: operation, environment: ["USER": "tester"])
    }

    /// A minimal row.
    public static func plain(_ address: String) -> ResourceRecord {
        ResourceRecord(address: address, kind: "test")
    }

    /// A row using every field.
    public static func record(
        _ address: String,
        version: Int,
        clock: VirtualClock,
        fingerprinter: SecretFingerprinter,
        sealer: SecretSealer?
    ) throws -> ResourceRecord {
        var secrets: [String: StoredSecret] = [
            "clientSecret": .fingerprint(fingerprinter.fingerprint(Secret("client-secret-\(version)")))
        ]
        if let sealer {
            secrets["privateKey"] = .sealed(
                try sealer.seal(Secret("private-key-\(version)"), address: address, field: "privateKey")
            )
        }
        return ResourceRecord(
            address: address,
            kind: "ioIntegration",
            attributes: try JSONDocument(
                encoding: JSONValue.object([
                    "name": .string("Target prod \(version)"),
                    "productProfiles": .array([.string("Default Workspace"), .string("Marketing")]),
                    "version": .number(Double(version)),
                    "enabled": .bool(true),
                    "description": .null,
                ])
            ),
            remoteIDs: ["projectId": "p-\(version)", "credentialId": "c-\(version)"],
            secrets: secrets,
            dependencies: ["imsConfigurations.target-prod"],
            lastAppliedAt: clock.now(),
            lastVerifiedAt: version > 1 ? clock.now().addingTimeInterval(5) : nil
        )
    }

    private static func fingerprint(_ snapshot: StateSnapshot, _ address: String) throws -> SecretFingerprint {
        guard case .fingerprint(let fingerprint)? = snapshot[address]?.secrets["clientSecret"] else {
            throw Failure(description: "'\(address)' has no clientSecret fingerprint")
        }
        return fingerprint
    }

    private static func sealed(_ record: ResourceRecord?, _ field: String) throws -> SealedSecret {
        guard let sealed = record?.secrets[field]?.sealedValue else {
            throw Failure(description: "field '\(field)' is not sealed")
        }
        return sealed
    }

    private func expect(_ condition: @autoclosure () async throws -> Bool, _ message: @autoclosure () -> String) async throws {
        guard try await condition() else { throw Failure(description: message()) }
    }
}
