/// Access tokens whose signature was already verified (``IMSAuthority/validate(accessToken:apiKey:at:in:)``), with
/// their payload and its scopes split once: expiry and the client's existence are still checked every time.
enum IMSTokenCache {
    /// A verified token's payload.
    struct Entry: Sendable {
        var payload: IMSTokenPayload
        /// `payload.scope` split at commas.
        var scopes: [String]

        init(_ payload: IMSTokenPayload) {
            self.payload = payload
            scopes = payload.scope.split(separator: ",").map(String.init)
        }
    }

    /// The process-wide cache, keyed by the IMS token key.
    static let shared = SandboxVerifiedTokens<Entry>()
}
