import Foundation
import NIOConcurrencyHelpers

/// Tokens whose signature was already verified, with what their payload said, so a service does not recompute
/// the HMAC and decode the payload on every request. Keyed by the token text and the signing key, so a store with
/// another key misses; whatever depends on the request or the clock (expiry, subject, client) is still checked by
/// the caller every time. Bounded; emptied when full.
final class SandboxVerifiedTokens<Payload: Sendable>: Sendable {
    private struct Entry: Sendable {
        var key: Data
        var payload: Payload
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let capacity: Int

    /// Creates a cache holding up to `capacity` tokens.
    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The payload of `token` if its signature was verified under `key`.
    func lookup(_ token: String, key: Data) -> Payload? {
        entries.withLockedValue { entries in
            guard let entry = entries[token], entry.key == key else { return nil }
            return entry.payload
        }
    }

    /// Remembers that `token`'s signature is valid under `key` and what its payload holds.
    func store(_ token: String, key: Data, payload: Payload) {
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = Entry(key: key, payload: payload)
        }
    }
}
