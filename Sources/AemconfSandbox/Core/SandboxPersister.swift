import Foundation

/// Writes the store's state to the `--data` file: before a request that changed it is answered
/// (``makeDurable()``, from ``SandboxDurabilityMiddleware``), shortly after any other change (debounced),
/// and once more on shutdown. Each write is atomic (``SandboxDataFile``).
///
/// A write encodes the whole state, so it must not happen once per change: an apply of N stacks would then cost
/// N² here. One write runs at a time and covers every change made before it took its snapshot; a request whose
/// change came too late for the write in progress waits for the next one, which it shares with every request that
/// waited meanwhile. Under concurrent changes the file is written once per wave of them.
final class SandboxPersister: @unchecked Sendable {
    private let store: SandboxStore
    private let path: String
    private let delay: Duration
    private let writes = SandboxDataFileWrites()
    private let lock = NSLock()
    private var scheduled = false

    init(store: SandboxStore, path: String, delay: Duration) {
        self.store = store
        self.path = path
        self.delay = delay
    }

    /// Called by the store after every change: schedules one write unless one is pending.
    func noteChange() {
        lock.lock()
        let start = !scheduled
        scheduled = true
        lock.unlock()
        guard start else { return }
        Task {
            try? await Task.sleep(for: delay)
            lock.withLock { scheduled = false }
            try? await flush()
        }
    }

    /// Returns once every change made so far is in the data file: at once when nothing changed since the last
    /// write, else after the next write that starts from now on (or the one in progress, if it covers them).
    func makeDurable() async throws {
        try await writes.ensure(await store.generation, evenIfNeverWritten: false, write: writeSnapshot)
    }

    /// Writes the current state now unless that generation (or a newer one) is already on disk; the first flush
    /// always writes (it creates the file).
    func flush() async throws {
        try await writes.ensure(await store.generation, evenIfNeverWritten: true, write: writeSnapshot)
    }

    /// Writes a snapshot of the store and returns its generation.
    private func writeSnapshot() async throws -> UInt64 {
        let (state, generation) = await store.snapshotWithGeneration()
        try SandboxDataFile.write(state, to: path, savedAt: await store.now())
        return generation
    }
}
