import Foundation
import NIOConcurrencyHelpers

/// Target's throttling: at most N calls in any 60 seconds per credential, answered with 503 above it
/// (target.md §6). Run-time only, never persisted; counted on the sandbox clock.
///
/// One process-wide instance keeps a sliding window per (store, client id), so the HTTP routes and the AEM
/// emulator's "Connect to Target" share the budget of a credential.
public final class TargetThrottle: Sendable {
    /// The process-wide throttle.
    public static let shared = TargetThrottle()

    private struct Key: Hashable {
        var store: ObjectIdentifier
        var clientID: String
    }

    private let windows = NIOLockedValueBox<[Key: [Date]]>([:])

    /// Creates an empty throttle.
    public init() {}

    /// Counts a call by `clientID` at `now` unless `limit` calls happened in the last 60 s; returns
    /// whether the call may proceed.
    public func admit(clientID: String, store: SandboxStore, limit: Int, at now: Date) -> Bool {
        let key = Key(store: ObjectIdentifier(store), clientID: clientID)
        return windows.withLockedValue { windows in
            var calls = windows[key] ?? []
            let horizon = now.addingTimeInterval(-60)
            if let firstRecent = calls.firstIndex(where: { $0 > horizon }) {
                calls.removeFirst(firstRecent)
            } else {
                calls.removeAll()
            }
            guard calls.count < limit else {
                windows[key] = calls
                return false
            }
            calls.append(now)
            windows[key] = calls
            return true
        }
    }

    /// Forgets every window of `store` (admin reset, tests).
    public func reset(store: SandboxStore) {
        let identifier = ObjectIdentifier(store)
        windows.withLockedValue { windows in
            windows = windows.filter { $0.key.store != identifier }
        }
    }
}
