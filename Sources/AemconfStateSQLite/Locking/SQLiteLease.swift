import AemconfState
import Foundation

/// A held SQLite lease: renewed by a heartbeat task until released.
final class SQLiteLease: StateLease, @unchecked Sendable {
    let info: LockInfo
    private let store: SQLiteStateStore
    private let lock = NSLock()
    private var heartbeat: Task<Void, Never>?
    private var released = false

    init(info: LockInfo, store: SQLiteStateStore) {
        self.info = info
        self.store = store
        guard let interval = store.configuration.heartbeatInterval else { return }
        let id = info.id
        let workspace = info.workspace
        let logger = store.configuration.logger
        heartbeat = Task { [store] in
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                    if try await !store.renew(id: id) {
                        logger.error("lost the lock '\(id)' of state '\(workspace)': it was broken by someone else")
                        return
                    }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("renewing the lock '\(id)' of state '\(workspace)' failed: \(error)")
                }
            }
        }
    }

    func checkHeld() async throws {
        guard !lock.withLock({ released }) else {
            throw StateError.leaseLost(id: info.id, workspace: info.workspace)
        }
        try await store.checkHeld(id: info.id, workspace: info.workspace)
    }

    func release() async throws {
        let task: Task<Void, Never>? = lock.withLock {
            guard !released else { return nil }
            released = true
            let task = heartbeat
            heartbeat = nil
            return task
        }
        task?.cancel()
        try await store.release(id: info.id)
    }

    deinit {
        heartbeat?.cancel()
    }
}
