/// Run-time switches of a sandbox that are not part of the persisted state.
///
/// Routes read them through ``SandboxStore/settings``; the CLI and tests set them through
/// ``SandboxConfiguration``.
public struct SandboxSettings: Codable, Sendable, Equatable {
    /// Whether Target throttles at ``targetCallsPerMinute`` per credential (off for benchmarks).
    public var targetThrottling: Bool
    /// Target's documented limit: 50 calls per minute per credential, answered with 503 above it.
    public var targetCallsPerMinute: Int
    /// Whether AEM rejects mutating requests without a valid CSRF token (strict, the default) or
    /// mimics "non-browser clients are not checked" (lenient), aem.md §7.2.
    public var aemStrictCSRF: Bool

    /// Creates settings; the defaults are the real services' behaviour.
    public init(targetThrottling: Bool = true, targetCallsPerMinute: Int = 50, aemStrictCSRF: Bool = true) {
        self.targetThrottling = targetThrottling
        self.targetCallsPerMinute = targetCallsPerMinute
        self.aemStrictCSRF = aemStrictCSRF
    }
}
