import Foundation

/// Writes the store's state to the `--data` file shortly after it changes (debounced), and once
/// more on shutdown. Each write is atomic (``SandboxDataFile``).
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
