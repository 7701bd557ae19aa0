/// Access tokens whose signature was already verified (``IMSAuthority/validate(accessToken:apiKey:at:in:)``):
/// expiry and the client's existence are still checked every time.
enum IMSTokenCache {
    /// The process-wide cache, keyed by the IMS token key.
    static let shared = SandboxVerifiedTokens<IMSTokenPayload>()
}
