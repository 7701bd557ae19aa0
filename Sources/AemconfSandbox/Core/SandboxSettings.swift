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
    /// Whether the Felix console answers `GET /system/console/configMgr/<x>.json` with its JSON listing (the
    /// default, as Felix's source does); off, it answers `404`, emulating an older console or a proxy in front of
    /// it that does not serve the listing, so clients must fall back to one read per PID.
    public var aemConfigManagerJSONList: Bool

    /// Creates settings; the defaults are the real services' behaviour.
    public init(
        targetThrottling: Bool = true,
        targetCallsPerMinute: Int = 50,
        aemStrictCSRF: Bool = true,
        aemConfigManagerJSONList: Bool = true
    ) {
        self.targetThrottling = targetThrottling
        self.targetCallsPerMinute = targetCallsPerMinute
        self.aemStrictCSRF = aemStrictCSRF
        self.aemConfigManagerJSONList = aemConfigManagerJSONList
    }

    private enum CodingKeys: String, CodingKey {
        case targetThrottling, targetCallsPerMinute, aemStrictCSRF, aemConfigManagerJSONList
    }

    /// Decodes settings; a field left out keeps its default (bodies written before a switch existed still work).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SandboxSettings()
        self.init(
            targetThrottling: try container.decodeIfPresent(Bool.self, forKey: .targetThrottling)
                ?? defaults.targetThrottling,
            targetCallsPerMinute: try container.decodeIfPresent(Int.self, forKey: .targetCallsPerMinute)
                ?? defaults.targetCallsPerMinute,
            aemStrictCSRF: try container.decodeIfPresent(Bool.self, forKey: .aemStrictCSRF) ?? defaults.aemStrictCSRF,
            aemConfigManagerJSONList: try container.decodeIfPresent(Bool.self, forKey: .aemConfigManagerJSONList)
                ?? defaults.aemConfigManagerJSONList
        )
    }
}
