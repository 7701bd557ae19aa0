import Foundation
import NIOConcurrencyHelpers

/// Remembers tokens whose signature was already verified, so the services do not recompute the HMAC and
/// decode the payload on every request. Expiry and the client's existence are still checked every time
/// (``IMSAuthority/validate(accessToken:apiKey:at:in:)``). Bounded; emptied when full.
final class IMSTokenCache: Sendable {
    /// The process-wide cache.
    static let shared = IMSTokenCache()

    struct Entry: Sendable {
        /// The token key the signature was verified under (a store with another key misses).
        var tokenKey: Data
        var payload: IMSTokenPayload
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let capacity = 10_000

    func lookup(_ token: String, tokenKey: Data) -> IMSTokenPayload? {
        entries.withLockedValue { entries in
            guard let entry = entries[token], entry.tokenKey == tokenKey else { return nil }
            return entry.payload
        }
    }

    func store(_ token: String, tokenKey: Data, payload: IMSTokenPayload) {
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = Entry(tokenKey: tokenKey, payload: payload)
        }
    }
}
