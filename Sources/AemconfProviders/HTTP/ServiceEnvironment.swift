import AemconfModel
import Logging

/// What every client of one run shares: the transport (one HTTP client), clock, jitter, retry
/// policy, logger, `User-Agent`, the secret redactor and Target's per-credential rate limiters.
public struct ServiceEnvironment: Sendable {
    /// The transport, normally one ``AsyncHTTPClientTransport`` per run.
    public var transport: any HTTPTransport
    /// Time and sleeping.
    public var clock: any WallClock
    /// Randomness for backoff jitter.
    public var jitter: JitterSource
    /// The retry policy.
    public var retryPolicy: RetryPolicy
    /// The logger; debug level shows method, path, status and duration, never secrets.
    public var logger: Logger
    /// The `User-Agent` header, `aemconf/<version>`.
    public var userAgent: String
    /// Scrubs secrets sent during the run out of remote messages.
    public var redactor: SecretRedactor
    /// Target's rate limiters, one per client id, shared by every ``TargetClient`` built from this environment.
    public var targetRateLimiters: RateLimiterRegistry
    /// Where waits (rate limit, retry backoff) are reported.
    public var waits = WaitReporter()

    /// Creates an environment; `targetRateLimiters` defaults to a new registry applying Target's 50 calls per
    /// minute on `clock`.
    public init(
        transport: any HTTPTransport,
        version: String,
        logger: Logger,
        clock: any WallClock = SystemWallClock(),
        jitter: JitterSource = .system,
        retryPolicy: RetryPolicy = RetryPolicy(),
        redactor: SecretRedactor = SecretRedactor(),
        targetRateLimiters: RateLimiterRegistry? = nil
    ) {
        self.transport = transport
        self.clock = clock
        self.jitter = jitter
        self.retryPolicy = retryPolicy
        self.logger = logger
        self.userAgent = "aemconf/\(version)"
        self.redactor = redactor
        self.targetRateLimiters = targetRateLimiters ?? RateLimiterRegistry(limit: .targetDefault, clock: clock)
    }
}
