/// The faults injected into one service's answers. Rates are probabilities in `0...1` drawn per
/// request from the sandbox's seeded generator, so a failing test replays exactly.
public struct SandboxFaultRule: Codable, Sendable, Equatable {
    /// Probability of answering with one of ``errorStatuses`` instead of the real answer.
    public var errorRate: Double
    /// The statuses an error fault picks from (500, 502, 503 by default).
    public var errorStatuses: [Int]
    /// Probability of answering `429 Too Many Requests` with `Retry-After`.
    public var rateLimitRate: Double
    /// The `Retry-After` value, in seconds, of a rate-limit fault.
    public var retryAfterSeconds: Int
    /// Latency added before every answer, in milliseconds.
    public var latencyMilliseconds: Int
    /// Probability of resetting the connection (TCP RST) without an answer.
    public var resetRate: Double
    /// Probability of closing the connection (FIN) without an answer.
    public var closeRate: Double

    /// Creates a rule; the defaults inject nothing.
    public init(
        errorRate: Double = 0,
        errorStatuses: [Int] = [500, 502, 503],
        rateLimitRate: Double = 0,
        retryAfterSeconds: Int = 1,
        latencyMilliseconds: Int = 0,
        resetRate: Double = 0,
        closeRate: Double = 0
    ) {
        self.errorRate = errorRate
        self.errorStatuses = errorStatuses
        self.rateLimitRate = rateLimitRate
        self.retryAfterSeconds = retryAfterSeconds
        self.latencyMilliseconds = latencyMilliseconds
        self.resetRate = resetRate
        self.closeRate = closeRate
    }

    /// Whether the rule injects anything at all.
    public var isActive: Bool {
        errorRate > 0 || rateLimitRate > 0 || latencyMilliseconds > 0 || resetRate > 0 || closeRate > 0
    }

    private enum CodingKeys: String, CodingKey {
        case errorRate, errorStatuses, rateLimitRate, retryAfterSeconds, latencyMilliseconds, resetRate, closeRate
    }

    /// Decodes a rule; missing keys take their defaults, so `{"errorRate": 0.5}` is a whole rule.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SandboxFaultRule()
        self.errorRate = try container.decodeIfPresent(Double.self, forKey: .errorRate) ?? defaults.errorRate
        self.errorStatuses =
            try container.decodeIfPresent([Int].self, forKey: .errorStatuses) ?? defaults.errorStatuses
        self.rateLimitRate =
            try container.decodeIfPresent(Double.self, forKey: .rateLimitRate) ?? defaults.rateLimitRate
        self.retryAfterSeconds =
            try container.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? defaults.retryAfterSeconds
        self.latencyMilliseconds =
            try container.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? defaults.latencyMilliseconds
        self.resetRate = try container.decodeIfPresent(Double.self, forKey: .resetRate) ?? defaults.resetRate
        self.closeRate = try container.decodeIfPresent(Double.self, forKey: .closeRate) ?? defaults.closeRate
    }
}
