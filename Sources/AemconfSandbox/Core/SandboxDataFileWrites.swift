/// The `--data` file's writes: one at a time, newest snapshot last (an older snapshot never overwrites a newer one),
/// each shared by every caller whose change it covers.
actor SandboxDataFileWrites {
    private var written: UInt64?
    private var failed = false
    private var inProgress: Task<Void, any Error>?

    /// Returns once `generation` (or a later one) is on disk, waiting for the write in progress and starting the
    /// next one when that did not cover it. After a failed write the next caller writes again. Before the first
    /// write, generation 0 counts as on disk unless `evenIfNeverWritten`.
    func ensure(
        _ generation: UInt64, evenIfNeverWritten: Bool, write: @escaping @Sendable () async throws -> UInt64
    ) async throws {
        while true {
            let onDisk = written ?? (evenIfNeverWritten ? nil : 0)
            if let onDisk, onDisk >= generation, !failed { return }
            if let inProgress {
                _ = try? await inProgress.value
                continue
            }
            let started = Task { try await self.run(write) }
            inProgress = started
            try await started.value
        }
    }

    private func run(_ write: @Sendable () async throws -> UInt64) async throws {
        defer { inProgress = nil }
        do {
            let generation = try await write()
            written = max(written ?? 0, generation)
            failed = false
        } catch {
            failed = true
            throw error
        }
    }
}
