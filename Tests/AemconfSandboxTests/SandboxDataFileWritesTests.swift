import Testing

@testable import AemconfSandbox

/// The `--data` file's writes: every caller returns only once a write covering its change has finished, concurrent
/// changes share writes, snapshots reach the file in order, and a failed write is retried by the next caller.
@Suite struct SandboxDataFileWritesTests {
    /// A store's generation counter and the writes made of it (each takes its snapshot, then works a while).
    actor FakeStore {
        private(set) var generation: UInt64 = 0
        private(set) var writes: [UInt64] = []
        var failuresLeft = 0

        func change() -> UInt64 {
            generation += 1
            return generation
        }

        func snapshot() throws -> UInt64 {
            if failuresLeft > 0 {
                failuresLeft -= 1
                throw SandboxConfigurationError.badDataFile("sandbox.json", reason: "disk full")
            }
            return generation
        }

        func finished(_ snapshot: UInt64) { writes.append(snapshot) }

        func failNext(_ count: Int) { failuresLeft = count }
    }

    static func writer(_ store: FakeStore) -> @Sendable () async throws -> UInt64 {
        {
            let snapshot = try await store.snapshot()
            // The overlap that lets concurrent changes arrive while a write is in progress.
            try await Task.sleep(for: .milliseconds(50))
            await store.finished(snapshot)
            return snapshot
        }
    }

    @Test func concurrentChangesShareWritesAndEachReturnsOnlyOnceItsChangeIsWritten() async throws {
        let store = FakeStore()
        let writes = SandboxDataFileWrites()
        let changes = 20
        let covered = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<changes {
                group.addTask {
                    let generation = await store.change()
                    try await writes.ensure(generation, evenIfNeverWritten: false, write: Self.writer(store))
                    return await store.writes.contains { $0 >= generation }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(covered.count == changes)
        #expect(covered.allSatisfy { $0 }, "a caller returned before a write covering its change had finished")
        let made = await store.writes
        #expect(made.count < changes / 2, "one write per change (\(made.count)) instead of shared writes")
        #expect(made == made.sorted(), "an older snapshot was written after a newer one: \(made)")
        #expect(made.last == UInt64(changes))
    }

    @Test func aGenerationAlreadyOnDiskWritesNothing() async throws {
        let store = FakeStore()
        let writes = SandboxDataFileWrites()
        let generation = await store.change()
        try await writes.ensure(generation, evenIfNeverWritten: false, write: Self.writer(store))
        try await writes.ensure(generation, evenIfNeverWritten: true, write: Self.writer(store))
        #expect(await store.writes == [1])
    }

    @Test func theFirstFlushWritesEvenAnUnchangedStateAndMakeDurableDoesNot() async throws {
        let store = FakeStore()
        let writes = SandboxDataFileWrites()
        try await writes.ensure(0, evenIfNeverWritten: false, write: Self.writer(store))
        #expect(await store.writes.isEmpty)
        try await writes.ensure(0, evenIfNeverWritten: true, write: Self.writer(store))
        #expect(await store.writes == [0])
    }

    @Test func aFailedWriteIsThrownAndTheNextCallerWritesAgain() async throws {
        let store = FakeStore()
        let writes = SandboxDataFileWrites()
        try await writes.ensure(await store.change(), evenIfNeverWritten: false, write: Self.writer(store))
        await store.failNext(1)
        let generation = await store.change()
        await #expect(throws: SandboxConfigurationError.self) {
            try await writes.ensure(generation, evenIfNeverWritten: false, write: Self.writer(store))
        }
        // The generation on disk is not trusted after a failure: the same generation is written again.
        try await writes.ensure(1, evenIfNeverWritten: false, write: Self.writer(store))
        #expect(await store.writes == [1, 2])
    }
}
