import AemconfModel
import AemconfResources
import AemconfState
import Testing

@testable import AemconfEngine

/// The journal's group commit: writes that arrive while a batch is being written share the next batch, and each
/// caller gets its own write's result.
struct StateJournalGroupCommitTests {
    @Test func writesArrivingDuringABatchShareTheNextOneAndEachGetsItsOwnResult() async throws {
        let store = GatedStore(InMemoryStateStore())
        let lease = try await store.tryLock(.current(operation: "apply"))
        let journal = StateJournal(
            store: store, lease: lease, snapshot: try await store.load(), rows: [:],
            context: CommitContext(author: "test@host", command: "apply"))

        let first = Task {
            try await journal.openIntent(Self.address("ioIntegrations.a"), action: .create, remoteName: "a")
        }
        await store.untilHeld()
        let commits = (1...4).map { index in
            Task {
                try await journal.commit(
                    StoredResource(address: Self.address("ioIntegrations.s\(index)")), clearingIntent: nil)
            }
        }
        let missing = Task { try await journal.remove(Self.address("ioIntegrations.none"), clearingIntent: nil) }
        while await journal.waitingWrites < 5 { await Task.yield() }
        await store.release()

        let intent = try await first.value
        for commit in commits { try await commit.value }
        do {
            try await missing.value
            Issue.record("removing a row that does not exist must fail")
        } catch let error as StateError {
            #expect(error.code == .resourceNotFound)
        }
        #expect(await store.batchSizes == [1, 5], "the five writes that waited went in one batch")
        #expect(await journal.batches == 2)
        #expect(await journal.currentSerial == 4, "one serial per commit that landed")
        let snapshot = try await store.load()
        #expect(snapshot.serial == 4)
        #expect(Set(snapshot.resources.keys.map(\.description)) == Set((1...4).map { "ioIntegrations.s\($0)" }))
        #expect(try await store.openIntents().map(\.id) == [intent])
        for index in 1...4 {
            #expect(await journal.current(Self.address("ioIntegrations.s\(index)")) != nil)
        }
    }

    @Test func aLeftoverIntentIsClearedWithTheCommitOfItsResource() async throws {
        let store = GatedStore(InMemoryStateStore())
        let lease = try await store.tryLock(.current(operation: "apply"))
        let leftover = try await store.openIntent(
            address: Self.address("ioIntegrations.a"), action: .create, remoteName: "a", lease: lease)
        let journal = StateJournal(
            store: store, lease: lease, snapshot: try await store.load(), rows: [:],
            context: CommitContext(author: "test@host", command: "apply"), leftoverIntents: [leftover])
        await store.release()
        try await journal.commit(StoredResource(address: Self.address("ioIntegrations.a")), clearingIntent: nil)
        #expect(try await store.openIntents().isEmpty)
        #expect(await store.batchSizes == [2], "the commit and the clearing in one batch")
    }

    static func address(_ text: String) -> ResourceAddress { ResourceAddress(text)! }
}

/// An in-memory store whose journal writes wait at a gate while it is held, and that records each batch's size.
private final class GatedStore: StateStore, @unchecked Sendable {
    private let inner: InMemoryStateStore
    private let gate = Gate()

    init(_ inner: InMemoryStateStore) { self.inner = inner }

    var batchSizes: [Int] { get async { await gate.sizes } }
    func untilHeld() async { await gate.untilHeld() }
    func release() async { await gate.release() }

    var workspace: String { inner.workspace }
    func workspace(named name: String) -> any StateStore { inner.workspace(named: name) }
    func workspaces() async throws -> [String] { try await inner.workspaces() }
    func load() async throws -> StateSnapshot { try await inner.load() }
    func read() async throws -> StateSnapshot { try await inner.read() }
    func commit(
        _ change: ResourceChange, expectingSerial: Int64, lease: any StateLease, context: CommitContext,
        clearingIntent: String?
    ) async throws -> Int64 {
        try await inner.commit(
            change, expectingSerial: expectingSerial, lease: lease, context: context, clearingIntent: clearingIntent)
    }
    func history(address: ResourceAddress?) async throws -> [HistoryEntry] { try await inner.history(address: address) }
    func resource(_ address: ResourceAddress, atSerial serial: Int64) async throws -> ResourceRecord {
        try await inner.resource(address, atSerial: serial)
    }
    func openIntent(address: ResourceAddress, action: Intent.Action, remoteName: String, lease: any StateLease)
        async throws -> Intent
    {
        try await inner.openIntent(address: address, action: action, remoteName: remoteName, lease: lease)
    }
    func clearIntent(id: String, lease: any StateLease) async throws {
        try await inner.clearIntent(id: id, lease: lease)
    }
    func openIntents() async throws -> [Intent] { try await inner.openIntents() }
    func writeJournal(_ writes: [JournalWrite], expectingSerial: Int64, lease: any StateLease, context: CommitContext)
        async -> [Result<JournalWriteOutcome, any Error>]
    {
        await gate.pass(writes.count)
        return await inner.writeJournal(writes, expectingSerial: expectingSerial, lease: lease, context: context)
    }
    func push(_ file: StateFile, context: CommitContext, lease: any StateLease) async throws -> Int64 {
        try await inner.push(file, context: context, lease: lease)
    }
    func tryLock(_ request: LockRequest) async throws -> any StateLease { try await inner.tryLock(request) }
    func locks() async throws -> [LockInfo] { try await inner.locks() }
    func unlock(id: String, force: Bool) async throws -> LockInfo { try await inner.unlock(id: id, force: force) }
    func rekey(from old: SecretSealer, to new: SecretSealer) async throws -> Int {
        try await inner.rekey(from: old, to: new)
    }
    func close() async throws { try await inner.close() }
}

/// Holds journal writes until released; records the size of each batch that passes.
private actor Gate {
    private(set) var sizes: [Int] = []
    private var released = false
    private var held: [CheckedContinuation<Void, Never>] = []
    private var watchers: [CheckedContinuation<Void, Never>] = []

    func pass(_ size: Int) async {
        sizes.append(size)
        guard !released else { return }
        for watcher in watchers { watcher.resume() }
        watchers = []
        await withCheckedContinuation { held.append($0) }
    }

    func untilHeld() async {
        guard held.isEmpty else { return }
        await withCheckedContinuation { watchers.append($0) }
    }

    func release() {
        released = true
        for continuation in held { continuation.resume() }
        held = []
    }
}
