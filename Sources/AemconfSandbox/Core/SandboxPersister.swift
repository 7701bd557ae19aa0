import Foundation

/// Writes the store's state to the `--data` file: before a request that changed it is answered
/// (``makeDurable()``, from ``SandboxDurabilityMiddleware``), shortly after any other change (debounced),
/// and once more on shutdown. Each write is atomic (``SandboxDataFile``).
final class SandboxPersister: @unchecked Sendable {
    private let store: SandboxStore
    private let path: String
    private let delay: Duration
    private let lock = NSLock()
    private let writeLock = NSLock()
    private var scheduled = false
    private var writtenGeneration: UInt64?
    private var lastError: SandboxConfigurationError?

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

    /// Returns once every change made so far is in the data file: a no-op (one actor hop) when nothing
    /// changed since the last write, else one ``flush()``, shared with any request that changed the
    /// state meanwhile (the later write covers both generations).
    func makeDurable() async throws {
        let generation = await store.generation
        if writeLock.withLock({ (writtenGeneration ?? 0) >= generation && lastError == nil }) { return }
        try await flush()
    }

    /// Writes the current state now unless that generation (or a newer one) is already on disk.
    /// Writes are serialised, so an older snapshot never overwrites a newer one.
    func flush() async throws {
        let (state, generation) = await store.snapshotWithGeneration()
        let now = await store.now()
        try writeLock.withLock {
            if let written = writtenGeneration, written >= generation { return }
            do {
                try SandboxDataFile.write(state, to: path, savedAt: now)
                writtenGeneration = generation
                lastError = nil
            } catch let error as SandboxConfigurationError {
                lastError = error
                throw error
            }
        }
    }

    /// The last write failure, if the latest write failed.
    var failure: SandboxConfigurationError? {
        writeLock.withLock { lastError }
    }
}
