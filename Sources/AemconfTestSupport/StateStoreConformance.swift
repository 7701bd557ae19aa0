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
        /// Reading a state that does not exist gives an empty snapshot (serial 0, lineage "") and creates nothing.
        case readNeverCreatesState
        /// A released lease can neither commit, push, open nor clear an intent: `leaseLost`, nothing written.
        case releasedLeaseCannotWrite
        /// A lease past its expiry (by the store clock) cannot commit, nor once another holder took it over; a
        /// session-scoped lock (no expiry) is not ended by time.
        case expiredLeaseTakenOverCannotWrite
        /// A lease whose session was ended from elsewhere (forced unlock, or ``terminateLeaseSession``) cannot
        /// commit, and the next holder can.
        case leaseWithEndedSessionCannotWrite
        /// Attack (review finding 8): a client secret sealed in `stage` and spliced into `prod` with `state push`
        /// (same key) does not open there; pushed rows holding a legacy sealed value or a plaintext secret
        /// attribute are refused.
        case pushedSealedValueDoesNotOpenInAnotherState
        /// Values sealed in the legacy format (no state in the authenticated data) still open, and `rekey` re-seals
        /// them in the current format, also when the key does not change.
        case rekeyUpgradesLegacySealedValues
        /// Journal writes given together land in order, each as its own method would: serials follow one another,
        /// a write that fails (a missing row or intent) leaves the others, and a lost lease writes none of them.
        case journalWritesLandInOrderAndFailAlone

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

    /// Ends a held lease's session from outside, as a crash or network cut would (PostgreSQL: terminate the
    /// backend holding the advisory lock), leaving its holder row in place.
    public typealias SessionTerminator = @Sendable (_ lock: LockInfo) async throws -> Void

    private let makeStore: Factory
    private let terminateLeaseSession: SessionTerminator?

    /// Creates the suite for one store implementation; `terminateLeaseSession`, when given, is how
    /// ``Check/leaseWithEndedSessionCannotWrite`` ends a lease (otherwise it breaks the lock with a forced unlock).
    public init(terminateLeaseSession: SessionTerminator? = nil, makeStore: @escaping Factory) {
        self.makeStore = makeStore
        self.terminateLeaseSession = terminateLeaseSession
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
        case .readNeverCreatesState: try await readCreatesNothing(store)
        case .releasedLeaseCannotWrite: try await releasedLease(store)
        case .expiredLeaseTakenOverCannotWrite: try await expiredLease(store, clock)
        case .leaseWithEndedSessionCannotWrite: try await endedSession(store)
        case .pushedSealedValueDoesNotOpenInAnotherState: try await pushSplice(store)
        case .rekeyUpgradesLegacySealedValues: try await rekeyLegacy(store)
        case .journalWritesLandInOrderAndFailAlone: try await journalWrites(store)
        }
    }

    // MARK: - Reads and leases

    private func readCreatesNothing(_ store: any StateStore) async throws {
        let snapshot = try await store.read()
        try await expect(snapshot.serial == 0, "a missing state reads at serial 0, got \(snapshot.serial)")
        try await expect(snapshot.lineage == "", "a missing state reads with no lineage, got '\(snapshot.lineage)'")
        try await expect(snapshot.resources.isEmpty && snapshot.workspace == store.workspace, "and no rows")
        _ = try await store.workspace(named: "other").read()
        let names = try await store.workspaces()
        try await expect(names.isEmpty, "reading created no state: \(names)")
        try await expect(try await store.history(address: nil).isEmpty, "no history")
        try await expect(try await store.openIntents().isEmpty, "no intents")
        try await expect(try await store.locks().isEmpty, "no locks")
        try await expect(try await store.pull().lineage == "", "pull of a missing state has no lineage")
        try await expect(try await store.workspaces().isEmpty, "pull created no state")
        let loaded = try await store.load()
        try await expect(!loaded.lineage.isEmpty, "load creates the state")
        try await expect(try await store.read() == loaded, "read gives what load created")
        try await expect(try await store.workspaces() == [store.workspace], "now the state is listed")
    }

    private func expectLeaseLost(
        _ lease: any StateLease,
        _ what: String,
        _ body: () async throws -> Void
    ) async throws {
        do {
            try await body()
            throw Failure(description: "\(what) with a lost lease must fail")
        } catch let error as StateError {
            try await expect(error.code == .leaseLost, "\(what): lease-lost, got \(error.code): \(error.message)")
            try await expect(
                error.message.contains("'\(lease.info.id)'") && error.message.contains("taken over or expired"),
                "\(what): the message names the lock and says it was taken over or expired: \(error.message)"
            )
        }
    }

    private func releasedLease(_ store: any StateStore) async throws {
        let lease = try await store.tryLock(Self.request("apply"))
        try await lease.checkHeld()
        let intent = try await store.openIntent(
            address: Self.address("ioIntegrations.one"),
            action: .create,
            remoteName: "aemconf-one",
            lease: lease
        )
        let file = try await store.pull()
        try await lease.release()
        try await expectLeaseLost(lease, "checkHeld") { try await lease.checkHeld() }
        try await expectLeaseLost(lease, "commit") {
            try await store.commit(
                .put(Self.plain("ioIntegrations.one")), expectingSerial: 0, lease: lease, context: Self.context)
        }
        try await expectLeaseLost(lease, "openIntent") {
            _ = try await store.openIntent(
                address: Self.address("ioIntegrations.two"),
                action: .create,
                remoteName: "aemconf-two",
                lease: lease
            )
        }
        try await expectLeaseLost(lease, "clearIntent") { try await store.clearIntent(id: intent.id, lease: lease) }
        var edited = file
        edited.resources = [Self.plain("ioIntegrations.pushed")]
        try await expectLeaseLost(lease, "push") { try await store.push(edited, context: Self.context, lease: lease) }
        let loaded = try await store.load()
        try await expect(loaded.serial == 0 && loaded.resources.isEmpty, "nothing was committed")
        try await expect(try await store.history(address: nil).isEmpty, "no history was written")
        try await expect(try await store.openIntents().map(\.id) == [intent.id], "the intents are as before")
        let other = try await store.tryLock(Self.request("plan"))
        try await expectLeaseLost(lease, "commit under another holder") {
            try await store.commit(
                .put(Self.plain("ioIntegrations.one")), expectingSerial: 0, lease: lease, context: Self.context)
        }
        try await expect(
            try await store.commit(
                .put(Self.plain("ioIntegrations.one")), expectingSerial: 0, lease: other, context: Self.context) == 1,
            "the holder commits")
        try await other.release()
    }

    private func expiredLease(_ store: any StateStore, _ clock: VirtualClock) async throws {
        let lease = try await store.tryLock(Self.request("apply"))
        guard let expiresAt = lease.info.expiresAt else {
            // A session-scoped lock has no expiry: time alone does not end it.
            clock.advance(by: 7 * 86_400)
            try await lease.checkHeld()
            let serial = try await store.commit(
                .put(Self.plain("ioIntegrations.one")), expectingSerial: 0, lease: lease, context: Self.context)
            try await expect(serial == 1, "a session lock still commits after a week, got serial \(serial)")
            try await lease.release()
            return
        }
        clock.advance(by: expiresAt.timeIntervalSince(clock.now()) + 1)
        try await expectLeaseLost(lease, "commit past expiry") {
            try await store.commit(
                .put(Self.plain("ioIntegrations.one")), expectingSerial: 0, lease: lease, context: Self.context)
        }
        let taker = try await store.workspace(named: store.workspace).tryLock(Self.request("plan"))
        try await expect(taker.info.id != lease.info.id, "the expired lease was taken over")
        try await expectLeaseLost(lease, "checkHeld after takeover") { try await lease.checkHeld() }
        try await expectLeaseLost(lease, "commit after takeover") {
            try await store.commit(
                .put(Self.plain("ioIntegrations.one")), expectingSerial: 0, lease: lease, context: Self.context)
        }
        try await expect(try await store.load().serial == 0, "the expired holder wrote nothing")
        try await taker.checkHeld()
        let serial = try await store.commit(
            .put(Self.plain("ioIntegrations.two")), expectingSerial: 0, lease: taker, context: Self.context)
        try await expect(serial == 1, "the new holder commits, got serial \(serial)")
        try await lease.release()
        try await expect(
            try await store.locks().map(\.id) == [taker.info.id], "the old holder's late release is harmless")
        try await taker.release()
    }

    private func endedSession(_ store: any StateStore) async throws {
        let lease = try await store.tryLock(Self.request("apply"))
        let other = store.workspace(named: store.workspace)
        if let terminateLeaseSession {
            try await terminateLeaseSession(lease.info)
        } else {
            try await other.unlock(id: lease.info.id, force: true)
        }
        try await expectLeaseLost(lease, "checkHeld after the session ended") { try await lease.checkHeld() }
        try await expectLeaseLost(lease, "commit after the session ended") {
            try await store.commit(
                .put(Self.plain("ioIntegrations.one")), expectingSerial: 0, lease: lease, context: Self.context)
        }
        try await expect(try await store.load().serial == 0, "the lost holder wrote nothing")
        let next = try await other.lock(Self.request("plan"), timeout: .seconds(60))
        let serial = try await other.commit(
            .put(Self.plain("ioIntegrations.two")), expectingSerial: 0, lease: next, context: Self.context)
        try await expect(serial == 1, "the next holder commits, got serial \(serial)")
        try? await lease.release()
        try await next.release()
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
        let serial = try await commitLocked(store, .put(record), expectingSerial: 0, context: Self.context)
        try await expect(serial == 1, "the first commit produces serial 1, got \(serial)")
        let loaded = try await store.load()
        try await expect(loaded.serial == 1, "load sees serial 1, got \(loaded.serial)")
        try await expect(loaded.lineage == snapshot.lineage, "a commit keeps the lineage")
        try await expect(
            loaded[record.address] == record,
            "the row loads back equal:\n\(String(describing: loaded[record.address]))\nvs\n\(record)")
        try await expect(
            loaded.fingerprinter.matches(Secret("client-secret-1"), try Self.fingerprint(loaded, record.address)),
            "the fingerprint key survives a reload"
        )
        let updated = try Self.record(
            record.address.description,
            version: 2,
            clock: clock,
            fingerprinter: snapshot.fingerprinter,
            sealer: sealer
        )
        try await expect(
            try await commitLocked(store, .put(updated), expectingSerial: 1, context: Self.context) == 2, "serial 2")
        try await expect(try await store.load()[record.address] == updated, "an update replaces the row")
    }

    private func staleWriter(_ store: any StateStore) async throws {
        let other = store.workspace(named: store.workspace)
        let mine = try await store.load()
        let theirs = try await other.load()
        try await commitLocked(
            store, .put(Self.plain("ioIntegrations.first")), expectingSerial: mine.serial, context: Self.context)
        do {
            try await commitLocked(
                other, .put(Self.plain("ioIntegrations.second")), expectingSerial: theirs.serial, context: Self.context)
            throw Failure(description: "a stale writer must be refused")
        } catch let error as StateError {
            try await expect(error.code == .staleSerial, "stale writer gets state.stale-serial, got \(error.code)")
            try await expect(
                error.message.contains("serial 1, not 0"), "the message names both serials: \(error.message)")
        }
        let loaded = try await store.load()
        try await expect(
            loaded.serial == 1 && loaded[Self.address("ioIntegrations.second")] == nil,
            "the refused commit changed nothing")
    }

    private func concurrentWriters(_ store: any StateStore) async throws {
        let writers = 8
        // One run holds the lock; its writers still race on the serial.
        let lease = try await store.tryLock(Self.request("apply"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<writers {
                let handle = store.workspace(named: store.workspace)
                group.addTask {
                    while true {
                        let snapshot = try await handle.load()
                        do {
                            try await handle.commit(
                                .put(Self.plain("targetCloudServices.w\(index)")),
                                expectingSerial: snapshot.serial,
                                lease: lease,
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
        try await lease.release()
        let loaded = try await store.load()
        try await expect(loaded.serial == Int64(writers), "every writer bumped the serial once, got \(loaded.serial)")
        try await expect(loaded.resources.count == writers, "every writer's row landed, got \(loaded.resources.count)")
        let serials = try await store.history(address: nil).map(\.serial)
        try await expect(serials == Array(1...Int64(writers)), "history has one entry per serial: \(serials)")
    }

    private func journalWrites(_ store: any StateStore) async throws {
        try await commitLocked(
            store, .put(Self.plain("ioIntegrations.kept")), expectingSerial: 0, context: Self.context)
        let lease = try await store.tryLock(Self.request("apply"))
        let results = await store.writeJournal(
            [
                .openIntent(address: Self.address("ioIntegrations.one"), action: .create, remoteName: "aemconf-one"),
                .commit(.put(Self.plain("ioIntegrations.one")), clearingIntent: nil),
                .commit(.remove(address: Self.address("ioIntegrations.missing")), clearingIntent: nil),
                .clearIntent(id: "no-such-intent"),
                .openIntent(address: Self.address("ioIntegrations.two"), action: .update, remoteName: "id-2"),
                .commit(.remove(address: Self.address("ioIntegrations.kept")), clearingIntent: nil),
            ],
            expectingSerial: 1, lease: lease, context: Self.context)
        try await expect(results.count == 6, "one result per write, got \(results.count)")
        guard case .success(.opened(let first)) = results[0], case .success(.opened(let second)) = results[4] else {
            throw Failure(description: "both intents open: \(results)")
        }
        try await expect(
            first.address == Self.address("ioIntegrations.one") && first.remoteName == "aemconf-one",
            "the intent is the one asked for")
        try await expect(
            (try? results[1].get()) == .committed(serial: 2) && (try? results[5].get()) == .committed(serial: 3),
            "the commits take serials 2 and 3: \(results)")
        for (index, code) in [(2, StateError.Code.resourceNotFound), (3, .intentNotFound)] {
            guard case .failure(let error as StateError) = results[index], error.code == code else {
                throw Failure(description: "write \(index) fails with \(code): \(results[index])")
            }
        }
        let loaded = try await store.load()
        try await expect(loaded.serial == 3, "serial 3, got \(loaded.serial)")
        try await expect(
            Set(loaded.resources.keys) == [Self.address("ioIntegrations.one")], "one row left: \(loaded.resources.keys)"
        )
        try await expect(
            Set(try await store.openIntents().map(\.id)) == [first.id, second.id], "both intents are open")
        try await expect(
            try await store.history(address: nil).map(\.serial) == [1, 2, 3], "one history entry per serial")

        try await lease.release()
        let lost = await store.writeJournal(
            [
                .openIntent(address: Self.address("ioIntegrations.three"), action: .create, remoteName: "three"),
                .commit(.put(Self.plain("ioIntegrations.three")), clearingIntent: first.id),
            ],
            expectingSerial: 3, lease: lease, context: Self.context)
        for result in lost {
            guard case .failure(let error as StateError) = result, error.code == .leaseLost else {
                throw Failure(description: "a released lease writes nothing: \(result)")
            }
        }
        try await expect(try await store.load().serial == 3, "nothing was committed with the released lease")
        try await expect(try await store.openIntents().count == 2, "no intent was written or cleared")
    }

    private func remove(_ store: any StateStore) async throws {
        try await commitLocked(store, .put(Self.plain("ioIntegrations.one")), expectingSerial: 0, context: Self.context)
        try await commitLocked(store, .put(Self.plain("ioIntegrations.two")), expectingSerial: 1, context: Self.context)
        try await commitLocked(
            store, .remove(address: Self.address("ioIntegrations.one")), expectingSerial: 2, context: Self.context)
        let loaded = try await store.load()
        try await expect(
            loaded.serial == 3 && loaded[Self.address("ioIntegrations.one")] == nil
                && loaded[Self.address("ioIntegrations.two")] != nil, "ioIntegrations.one is gone")
        do {
            try await commitLocked(
                store, .remove(address: Self.address("ioIntegrations.one")), expectingSerial: 3, context: Self.context)
            throw Failure(description: "removing a missing row must fail")
        } catch let error as StateError {
            try await expect(error.code == .resourceNotFound, "missing row gives resource-not-found, got \(error.code)")
        }
        try await expect(try await store.load().serial == 3, "the failed remove did not bump the serial")
    }

    private func history(_ store: any StateStore, _ clock: VirtualClock) async throws {
        let fingerprinter = try await store.load().fingerprinter
        let v1 = try Self.record(
            "ioIntegrations.row", version: 1, clock: clock, fingerprinter: fingerprinter, sealer: nil)
        try await commitLocked(
            store, .put(v1), expectingSerial: 0, context: CommitContext(author: "alice@h1", command: "apply"))
        clock.advance(by: 60)
        try await commitLocked(
            store, .put(Self.plain("imsConfigurations.row")), expectingSerial: 1, context: Self.context)
        clock.advance(by: 60)
        let v2 = try Self.record(
            "ioIntegrations.row", version: 2, clock: clock, fingerprinter: fingerprinter, sealer: nil)
        try await commitLocked(
            store, .put(v2), expectingSerial: 2, context: CommitContext(author: "bob@h2", command: "apply"))
        try await commitLocked(
            store, .remove(address: Self.address("ioIntegrations.row")), expectingSerial: 3, context: Self.context)

        let entries = try await store.history(address: Self.address("ioIntegrations.row"))
        try await expect(
            entries.map(\.serial) == [1, 3, 4], "history of a.row has serials 1, 3, 4: \(entries.map(\.serial))")
        try await expect(entries.map(\.action) == [.put, .put, .remove], "actions put, put, remove")
        try await expect(entries[0].author == "alice@h1" && entries[1].author == "bob@h2", "history keeps who")
        try await expect(entries[0].command == "apply", "history keeps the command")
        try await expect(entries[1].committedAt == entries[0].committedAt.addingTimeInterval(120), "history keeps when")
        try await expect(entries[0].record == v1 && entries[1].record == v2, "history keeps each version")
        try await expect(try await store.history(address: nil).count == 4, "the full history has 4 entries")
        try await expect(
            try await store.resource(Self.address("ioIntegrations.row"), atSerial: 1) == v1, "show --serial 1 gives v1")
        try await expect(
            try await store.resource(Self.address("ioIntegrations.row"), atSerial: 2) == v1,
            "show --serial 2 gives v1 (unchanged)")
        try await expect(
            try await store.resource(Self.address("ioIntegrations.row"), atSerial: 3) == v2, "show --serial 3 gives v2")
        for serial: Int64 in [0, 4] {
            do {
                _ = try await store.resource(Self.address("ioIntegrations.row"), atSerial: serial)
                throw Failure(description: "ioIntegrations.row did not exist at serial \(serial)")
            } catch let error as StateError {
                try await expect(error.code == .resourceNotFound, "no version at \(serial): resource-not-found")
            }
        }
    }

    private func workspaces(_ store: any StateStore) async throws {
        let prod = store.workspace(named: "prod")
        let stage = store.workspace(named: "stage")
        try await commitLocked(prod, .put(Self.plain("ioIntegrations.prod")), expectingSerial: 0, context: Self.context)
        try await commitLocked(
            prod, .put(Self.plain("ioIntegrations.shared")), expectingSerial: 1, context: Self.context)
        try await commitLocked(
            stage, .put(Self.plain("ioIntegrations.shared")), expectingSerial: 0, context: Self.context)
        let prodState = try await prod.load()
        let stageState = try await stage.load()
        try await expect(prodState.serial == 2 && stageState.serial == 1, "serials are per state")
        try await expect(prodState.lineage != stageState.lineage, "lineages are per state")
        try await expect(stageState[Self.address("ioIntegrations.prod")] == nil, "stage does not see prod's rows")
        try await expect(try await stage.history(address: nil).count == 1, "history is per state")
        let lease = try await prod.tryLock(Self.request("apply"))
        let stageLease = try await stage.tryLock(Self.request("apply"))
        try await stageLease.release()
        try await lease.release()
        let names = try await store.workspaces()
        try await expect(names.contains("prod") && names.contains("stage"), "both states are listed: \(names)")
    }

    private func intents(_ store: any StateStore) async throws {
        let lease = try await store.tryLock(Self.request("apply"))
        let first = try await store.openIntent(
            address: Self.address("ioIntegrations.one"),
            action: .create,
            remoteName: "aemconf-a-one",
            lease: lease
        )
        let second = try await store.openIntent(
            address: Self.address("ioIntegrations.two"),
            action: .update,
            remoteName: "id-42",
            lease: lease
        )
        let open = try await store.openIntents()
        try await expect(Set(open.map(\.id)) == [first.id, second.id], "both intents are open")
        try await expect(open.first { $0.id == first.id } == first, "an intent reads back equal")
        let other = try await store.workspace(named: "other").openIntents()
        try await expect(other.isEmpty, "intents are per state")
        try await store.commit(
            .put(Self.plain("ioIntegrations.one")),
            expectingSerial: 0,
            lease: lease,
            context: Self.context,
            clearingIntent: first.id
        )
        try await expect(try await store.openIntents().map(\.id) == [second.id], "the commit cleared its intent")
        try await store.clearIntent(id: second.id, lease: lease)
        try await expect(try await store.openIntents().isEmpty, "no intent left")
        do {
            try await store.clearIntent(id: second.id, lease: lease)
            throw Failure(description: "clearing a cleared intent must fail")
        } catch let error as StateError {
            try await expect(error.code == .intentNotFound, "intent-not-found, got \(error.code)")
        }
        let third = try await store.openIntent(
            address: Self.address("ioIntegrations.three"),
            action: .delete,
            remoteName: "id-43",
            lease: lease
        )
        try await lease.release()
        do {
            try await store.clearIntent(id: third.id, lease: lease)
            throw Failure(description: "clearing an intent with a released lease must fail")
        } catch let error as StateError {
            try await expect(error.code == .leaseLost, "lease-lost, got \(error.code)")
        }
        try await expect(try await store.openIntents().map(\.id) == [third.id], "the refused clear changed nothing")
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
            try await expect(
                error.message.contains("apply") && error.message.contains("pid"), "names operation and pid")
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
            let scope = SealScope(try await handle.load())
            let secret = try old.seal(
                Secret("value-\(name)"), address: "ioIntegrations.\(name)", field: "clientSecret", scope: scope)
            var record = Self.plain("ioIntegrations.\(name)")
            record.secrets = ["clientSecret": .sealed(secret)]
            try await commitLocked(handle, .put(record), expectingSerial: 0, context: Self.context)
            record.secrets["privateKey"] = .sealed(
                try old.seal(
                    Secret("key-\(name)"), address: record.address.description, field: "privateKey", scope: scope))
            try await commitLocked(handle, .put(record), expectingSerial: 1, context: Self.context)
        }
        let count = try await store.rekey(from: old, to: new)
        try await expect(
            count == 10, "2 current + 3 history values in each of 2 states: expected 10 re-sealed, got \(count)")
        for name in ["prod", "stage"] {
            let handle = store.workspace(named: name)
            let snapshot = try await handle.load()
            let scope = SealScope(snapshot)
            let record = snapshot[Self.address("ioIntegrations.\(name)")]
            let sealed = try Self.sealed(record, "clientSecret")
            try await expect(sealed.keyID == new.key.id, "the row is sealed under the new key")
            try await expect(
                try new.open(sealed, address: "ioIntegrations.\(name)", field: "clientSecret", scope: scope).revealed
                    == "value-\(name)", "opens")
            do {
                _ = try old.open(sealed, address: "ioIntegrations.\(name)", field: "clientSecret", scope: scope)
                throw Failure(description: "the old key must no longer open the value")
            } catch let error as StateError {
                try await expect(error.code == .wrongStateKey, "wrong-key, got \(error.code)")
                try await expect(error.message.contains(new.key.id), "the message names the key id it was sealed with")
            }
            let first = try await handle.resource(Self.address("ioIntegrations.\(name)"), atSerial: 1)
            let oldVersion = try Self.sealed(first, "clientSecret")
            try await expect(oldVersion.keyID == new.key.id, "history is re-sealed too")
            try await expect(
                try new.open(oldVersion, address: "ioIntegrations.\(name)", field: "clientSecret", scope: scope)
                    .revealed == "value-\(name)", "history opens")
        }
        try await expect(try await store.rekey(from: old, to: new) == 0, "rekey again finds nothing left to re-seal")
    }

    private func rekeyWrongKey(_ store: any StateStore) async throws {
        let right = SecretSealer(key: .generate())
        let wrong = SecretSealer(key: .generate())
        var record = Self.plain("ioIntegrations.row")
        let scope = SealScope(try await store.load())
        record.secrets = [
            "clientSecret": .sealed(
                try right.seal(Secret("v"), address: "ioIntegrations.row", field: "clientSecret", scope: scope))
        ]
        try await commitLocked(store, .put(record), expectingSerial: 0, context: Self.context)
        try await commitLocked(
            store.workspace(named: "other"), .put(Self.plain("imsConfigurations.row")), expectingSerial: 0,
            context: Self.context)
        do {
            try await store.rekey(from: wrong, to: SecretSealer(key: .generate()))
            throw Failure(description: "rekey with the wrong old key must fail")
        } catch let error as StateError {
            try await expect(error.code == .wrongStateKey, "wrong-key, got \(error.code)")
        }
        let loaded = try await store.load()
        try await expect(loaded[Self.address("ioIntegrations.row")] == record, "nothing changed")
    }

    private func push(_ store: any StateStore) async throws {
        try await commitLocked(
            store, .put(Self.plain("ioIntegrations.keep")), expectingSerial: 0, context: Self.context)
        try await commitLocked(
            store, .put(Self.plain("ioIntegrations.drop")), expectingSerial: 1, context: Self.context)
        var file = try await store.pull()
        try await expect(
            file.serial == 2
                && file.resources.map(\.address.description) == ["ioIntegrations.drop", "ioIntegrations.keep"],
            "pull has both rows")
        let data = try file.encoded()
        file = try StateFile.decode(data)
        file.resources.removeAll { $0.address.description == "ioIntegrations.drop" }
        var added = Self.plain("ioIntegrations.added")
        added.remoteIDs = ["id": "42"]
        file.resources.append(added)
        let serial = try await pushLocked(store, file, context: CommitContext(author: "ops@h", command: "state push"))
        try await expect(serial == 3, "push is one commit: serial 3, got \(serial)")
        let loaded = try await store.load()
        try await expect(
            Set(loaded.resources.keys.map(\.description)) == ["ioIntegrations.keep", "ioIntegrations.added"],
            "push replaced the rows: \(loaded.resources.keys)")
        try await expect(loaded[Self.address("ioIntegrations.added")] == added, "the pushed row is stored as given")
        let pushedHistory = try await store.history(address: nil).filter { $0.serial == 3 }
        try await expect(
            pushedHistory.count == 2 && pushedHistory.allSatisfy { $0.command == "state push" }, "push history")
        do {
            try await pushLocked(store, file, context: Self.context)
            throw Failure(description: "a file behind the state's serial must be refused")
        } catch let error as StateError {
            try await expect(error.code == .staleSerial, "stale-serial, got \(error.code)")
        }
        var foreign = try await store.pull()
        foreign.lineage = "another-lineage"
        do {
            try await pushLocked(store, foreign, context: Self.context)
            throw Failure(description: "a file of another lineage must be refused")
        } catch let error as StateError {
            try await expect(error.code == .lineageMismatch, "lineage-mismatch, got \(error.code)")
        }
        try await expect(try await store.load().serial == 3, "refused pushes changed nothing")
    }

    private func pushSplice(_ store: any StateStore) async throws {
        let sealer = SecretSealer(key: .generate())
        let stage = store.workspace(named: "stage")
        let stageScope = SealScope(try await stage.load())
        var record = Self.plain("ioIntegrations.target")
        record.secrets = [
            "clientSecret": .sealed(
                try sealer.seal(
                    Secret("stage-secret"), address: "ioIntegrations.target", field: "clientSecret", scope: stageScope)
            )
        ]
        try await commitLocked(stage, .put(record), expectingSerial: 0, context: Self.context)
        // The attack: pull stage and push it, sealed value and all, into prod (empty, so it adopts the lineage).
        let file = try await stage.pull()
        let prod = store.workspace(named: "prod")
        try await pushLocked(prod, file, context: Self.context)
        let spliced = try await prod.load()
        let prodScope = SealScope(spliced)
        try await expect(
            spliced.lineage == stageScope.lineage, "prod adopted stage's lineage: only the workspace differs")
        do {
            _ = try sealer.open(
                try Self.sealed(spliced[record.address], "clientSecret"), address: "ioIntegrations.target",
                field: "clientSecret", scope: prodScope)
            throw Failure(description: "a value sealed in 'stage' must not open in 'prod'")
        } catch let error as StateError {
            try await expect(error.code == .sealedValueCorrupt, "sealed-value-corrupt, got \(error.code)")
            try await expect(!error.message.contains("stage-secret"), "the error holds no plaintext")
        }
        // The key holder's check before a push refuses the file outright.
        do {
            try file.authenticated(with: sealer.key).verify(key: sealer.key, workspace: "prod")
            throw Failure(description: "verify must refuse a value sealed in another state")
        } catch let error as StateError {
            try await expect(error.code == .stateFileRejected, "file-rejected, got \(error.code)")
        }
        try file.authenticated(with: sealer.key).verify(key: sealer.key, workspace: "stage")
        // A legacy sealed value (not bound to a state) cannot be pushed.
        var legacy = try await stage.pull()
        legacy.resources[0].secrets["clientSecret"] = .sealed(
            try sealer.sealInLegacyFormat(
                Secret("stage-secret"), address: "ioIntegrations.target", field: "clientSecret")
        )
        do {
            try await pushLocked(stage, legacy, context: Self.context)
            throw Failure(description: "a legacy sealed value must be refused by push")
        } catch let error as StateError {
            try await expect(error.code == .stateFileRejected, "file-rejected, got \(error.code)")
        }
        // A plaintext secret in the attributes cannot be pushed.
        for attributes in [
            #"{"clientSecret":{"value":"hunter2"}}"#, #"{"password":"hunter2"}"#, #"{"x":{"sensitive":"hunter2"}}"#,
        ] {
            var plaintext = try await stage.pull()
            plaintext.resources[0].attributes = try JSONDocument(jsonText: attributes)
            do {
                try await pushLocked(stage, plaintext, context: Self.context)
                throw Failure(description: "a plaintext secret attribute must be refused: \(attributes)")
            } catch let error as StateError {
                try await expect(error.code == .stateFileRejected, "file-rejected, got \(error.code)")
                try await expect(!error.message.contains("hunter2"), "the error does not echo the value")
            }
        }
        try await expect(try await stage.load().serial == 1, "refused pushes changed nothing")
    }

    private func rekeyLegacy(_ store: any StateStore) async throws {
        let sealer = SecretSealer(key: .generate())
        let scope = SealScope(try await store.load())
        var record = Self.plain("ioIntegrations.old")
        record.secrets = [
            "clientSecret": .sealed(
                try sealer.sealInLegacyFormat(
                    Secret("old-secret"), address: "ioIntegrations.old", field: "clientSecret")
            )
        ]
        try await commitLocked(store, .put(record), expectingSerial: 0, context: Self.context)
        let stored = try Self.sealed(try await store.load()[record.address], "clientSecret")
        try await expect(stored.isLegacy, "stored as written (format 1)")
        try await expect(
            try sealer.open(stored, address: "ioIntegrations.old", field: "clientSecret", scope: scope).revealed
                == "old-secret", "a legacy value still opens")
        let count = try await store.rekey(from: sealer, to: sealer)
        try await expect(count == 2, "row and history re-sealed under the same key: expected 2, got \(count)")
        let upgraded = try Self.sealed(try await store.load()[record.address], "clientSecret")
        try await expect(
            !upgraded.isLegacy && upgraded.aadVersion == SealedSecret.currentAADVersion, "re-sealed in format 2")
        try await expect(
            try sealer.open(upgraded, address: "ioIntegrations.old", field: "clientSecret", scope: scope).revealed
                == "old-secret", "opens in its state")
        do {
            _ = try sealer.open(
                upgraded, address: "ioIntegrations.old", field: "clientSecret",
                scope: SealScope(lineage: scope.lineage, workspace: "other"))
            throw Failure(description: "the upgraded value is bound to its state")
        } catch let error as StateError {
            try await expect(error.code == .sealedValueCorrupt, "sealed-value-corrupt, got \(error.code)")
        }
        try await expect(try await store.rekey(from: sealer, to: sealer) == 0, "nothing left to upgrade")
    }

    private func pushAdopts(_ store: any StateStore) async throws {
        try await commitLocked(store, .put(Self.plain("ioIntegrations.row")), expectingSerial: 0, context: Self.context)
        let file = try await store.pull()
        let fresh = store.workspace(named: "restored")
        try await pushLocked(fresh, file, context: Self.context)
        let restored = try await fresh.load()
        try await expect(restored.lineage == file.lineage, "the empty state adopted the file's lineage")
        try await expect(restored[Self.address("ioIntegrations.row")] == file.resources.first, "the row was restored")
    }

    private func canaryNeverLeaks(_ store: any StateStore) async throws {
        let sealer = SecretSealer(key: .generate())
        var record = Self.plain("ioIntegrations.canary")
        let created = try await store.load()
        let fingerprinter = created.fingerprinter
        let scope = SealScope(created)
        record.secrets = [
            "clientSecret": .sealed(
                try sealer.seal(
                    Secret(Self.canary), address: record.address.description, field: "clientSecret", scope: scope)),
            "password": .fingerprint(fingerprinter.fingerprint(Secret(Self.canary))),
        ]
        try await commitLocked(store, .put(record), expectingSerial: 0, context: Self.context)
        let pulled = String(decoding: try await store.pull().encoded(), as: UTF8.self)
        try await expect(!pulled.contains(Self.canary), "pull output holds no plaintext")
        try await expect(pulled.contains(sealer.key.id), "pull output keeps the sealed value's key id")
        let history = try await store.history(address: nil)
        try await expect(!"\(history)".contains(Self.canary), "history descriptions hold no plaintext")
        let loaded = try await store.load()
        try await expect(!"\(loaded.resources)".contains(Self.canary), "record descriptions hold no plaintext")
        try await expect(
            "\(record.secrets["clientSecret"].map { "\($0)" } ?? "")" == "(sensitive)", "sealed prints (sensitive)")
        do {
            _ = try SecretSealer(key: .generate()).open(
                try Self.sealed(loaded[record.address], "clientSecret"),
                address: record.address.description,
                field: "clientSecret",
                scope: scope
            )
            throw Failure(description: "a fresh key must not open the value")
        } catch let error as StateError {
            try await expect(!"\(error)".contains(Self.canary), "the wrong-key error holds no plaintext")
        }
        let opened = try sealer.open(
            try Self.sealed(loaded[record.address], "clientSecret"), address: record.address.description,
            field: "clientSecret", scope: scope)
        try await expect(opened.revealed == Self.canary, "the right key opens the canary")
        do {
            _ = try sealer.open(
                try Self.sealed(loaded[record.address], "clientSecret"), address: record.address.description,
                field: "password", scope: scope)
            throw Failure(description: "a sealed value moved to another field must not open")
        } catch let error as StateError {
            try await expect(error.code == .sealedValueCorrupt, "sealed-value-corrupt, got \(error.code)")
        }
    }

    // MARK: - Locked writes

    /// Takes the lock, commits, and releases the lock.
    @discardableResult
    private func commitLocked(
        _ store: any StateStore,
        _ change: ResourceChange,
        expectingSerial: Int64,
        context: CommitContext
    ) async throws -> Int64 {
        let lease = try await store.tryLock(Self.request("apply"))
        do {
            let serial = try await store.commit(
                change, expectingSerial: expectingSerial, lease: lease, context: context)
            try await lease.release()
            return serial
        } catch {
            try? await lease.release()
            throw error
        }
    }

    /// Takes the lock, pushes, and releases the lock.
    @discardableResult
    private func pushLocked(_ store: any StateStore, _ file: StateFile, context: CommitContext) async throws -> Int64 {
        let lease = try await store.tryLock(Self.request("state push"))
        do {
            let serial = try await store.push(file, context: context, lease: lease)
            try await lease.release()
            return serial
        } catch {
            try? await lease.release()
            throw error
        }
    }

    // MARK: - Fixtures

    /// The commit context of the fixtures.
    public static let context = CommitContext(author: "tester@test-host", command: "test")

    /// A lock request from this process.
    public static func request(_ operation: String) -> LockRequest {
        LockRequest.current(operation: operation, environment: ["USER": "tester"])
    }

    /// The address written `text` (`ioIntegrations.prod`); a text that is not an address names an I/O integration.
    public static func address(_ text: String) -> ResourceAddress {
        ResourceAddress(text) ?? ResourceAddress(kind: .ioIntegration, name: text)
    }

    /// A minimal row at the address written `address`.
    public static func plain(_ address: String) -> ResourceRecord {
        ResourceRecord(address: Self.address(address))
    }

    /// A row using every field.
    public static func record(
        _ address: String,
        version: Int,
        clock: VirtualClock,
        fingerprinter: SecretFingerprinter,
        sealer: SecretSealer?,
        scope: SealScope = SealScope(lineage: "", workspace: "default")
    ) throws -> ResourceRecord {
        var secrets: [String: StoredSecret] = [
            "clientSecret": .fingerprint(fingerprinter.fingerprint(Secret("client-secret-\(version)")))
        ]
        if let sealer {
            secrets["privateKey"] = .sealed(
                try sealer.seal(Secret("private-key-\(version)"), address: address, field: "privateKey", scope: scope)
            )
        }
        return ResourceRecord(
            address: Self.address(address),
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

    private static func fingerprint(_ snapshot: StateSnapshot, _ address: ResourceAddress) throws -> SecretFingerprint {
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

    private func expect(_ condition: @autoclosure () async throws -> Bool, _ message: @autoclosure () -> String)
        async throws
    {
        guard try await condition() else { throw Failure(description: message()) }
    }
}
