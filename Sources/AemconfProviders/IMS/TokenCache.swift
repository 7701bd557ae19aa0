import AemconfModel
import Foundation

/// Hands out IMS access tokens for one credential, fetching once and refreshing before expiry.
///
/// A token is reused until `refreshMargin` before its expiry (or when a service rejects it with 401,
/// see ``invalidate(_:)``); concurrent callers share one fetch. Time comes from the injected clock.
public actor TokenCache: AccessTokenSource {
    private let credential: IMSCredential
    private let ims: IMSClient
    private let clock: any WallClock
    private let refreshMargin: TimeInterval
    private var current: IMSToken?
    private var refreshAt: Date = .distantPast
    private var pending: Task<IMSToken, any Error>?
    private var fetchCount = 0

    /// Creates a cache; tokens are refreshed `refreshMargin` seconds before they expire (default 5 minutes).
    public init(credential: IMSCredential, ims: IMSClient, refreshMargin: TimeInterval = 300) {
        self.credential = credential
        self.ims = ims
        self.clock = ims.client.environment.clock
        self.refreshMargin = refreshMargin
    }

    /// The client id of the credential.
    public nonisolated var clientID: String { credential.clientID }

    /// How many tokens were fetched from IMS so far.
    public var tokensFetched: Int { fetchCount }

    /// A token that is not within `refreshMargin` (or half its lifetime, for short-lived tokens) of expiry.
    public func token() async throws -> IMSToken {
        if let current, isFresh(current) { return current }
        if let pending { return try await pending.value }
        let task = Task { [ims, credential] in try await ims.token(for: credential) }
        pending = task
        defer { pending = nil }
        let fetchedAt = clock.now()
        let token = try await task.value
        fetchCount += 1
        current = token
        let lifetime = max(0, token.expiresAt.timeIntervalSince(fetchedAt))
        refreshAt = token.expiresAt.addingTimeInterval(-min(refreshMargin, lifetime / 2))
        return token
    }

    /// The bearer token value.
    public func accessToken() async throws -> Secret {
        try await token().accessToken
    }

    /// Drops the cached token, so the next call fetches a new one (a health check must ask IMS).
    public func invalidateAll() {
        current = nil
    }

    /// Drops `token` if it is the cached one, so the next call fetches a new one.
    public func invalidate(_ token: Secret) async {
        if current?.accessToken == token { current = nil }
    }

    private func isFresh(_ token: IMSToken) -> Bool {
        clock.now() < refreshAt
    }
}
