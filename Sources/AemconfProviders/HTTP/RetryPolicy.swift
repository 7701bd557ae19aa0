/// When and how long to wait before trying a request again: a pure value, no I/O.
///
/// Exponential backoff with full jitter (`random(0, min(maxDelay, baseDelay · 2^retry))`) on 429,
/// 500, 502, 503, 504 and connection failures; a `Retry-After` from the service is a floor for the
/// wait. The total time spent waiting is capped by ``totalBudget`` and the number of attempts by
/// ``maxAttempts``. A non-idempotent request is never re-sent blindly: after an ambiguous failure
/// the decision is ``Decision/verifyFirst(after:)`` and the caller must read whether it happened.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in total, the first one included.
    public var maxAttempts: Int
    /// The backoff base.
    public var baseDelay: Duration
    /// The largest single backoff (before a longer `Retry-After`).
    public var maxDelay: Duration
    /// The most time spent waiting across all retries of one request.
    public var totalBudget: Duration
    /// Statuses that are retried.
    public var retryableStatuses: Set<Int>

    /// Creates a policy; the defaults suit the real services.
    public init(
        maxAttempts: Int = 8,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30),
        totalBudget: Duration = .seconds(180),
        retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.totalBudget = totalBudget
        self.retryableStatuses = retryableStatuses
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// What happened on one attempt.
    public enum Outcome: Sendable, Equatable {
        /// A response arrived with this status and optional `Retry-After` wait.
        case response(status: Int, retryAfter: Duration?)
        /// The connection could not be opened: the request certainly was not sent.
        case connectFailed
        /// The connection broke or timed out after the request may have been sent.
        case connectionLost
    }

    /// What to do next.
    public enum Decision: Sendable, Equatable {
        /// Stop and report the outcome (success, or a failure that is not retried).
        case finish
        /// Wait, then send again.
        case retry(after: Duration)
        /// Wait, then read whether the non-idempotent request happened before sending it again.
        case verifyFirst(after: Duration)
        /// The outcome is retryable but the attempts or the wait budget are used up.
        case giveUp
    }

    /// The running state of one request's retries.
    public struct State: Sendable, Equatable {
        /// Attempts made so far.
        public var attempts: Int = 0
        /// Time already spent waiting.
        public var waited: Duration = .zero

        /// A fresh state before the first attempt.
        public init() {}
    }

    /// Decides after an attempt; `jitter` is a value in `0...1`. Records the attempt and the wait in `state`.
    ///
    /// Legal transitions: `finish` and `giveUp` are final; `retry`/`verifyFirst` lead to another attempt.
    public func decide(
        after outcome: Outcome,
        idempotent: Bool,
        state: inout State,
        jitter: Double
    ) -> Decision {
        state.attempts += 1
        let retryAfter: Duration?
        switch outcome {
        case .response(let status, let after):
            guard retryableStatuses.contains(status) else { return .finish }
            retryAfter = after
        case .connectFailed, .connectionLost:
            retryAfter = nil
        }
        guard state.attempts < maxAttempts else { return .giveUp }
        let wait = delay(forRetry: state.attempts - 1, retryAfter: retryAfter, jitter: jitter)
        guard state.waited + wait <= totalBudget else { return .giveUp }
        state.waited += wait
        if idempotent || outcome == .connectFailed { return .retry(after: wait) }
        return .verifyFirst(after: wait)
    }

    /// The wait before retry number `retry` (0-based): full jitter, never below `Retry-After`.
    public func delay(forRetry retry: Int, retryAfter: Duration?, jitter: Double) -> Duration {
        let exponent = min(retry, 30)
        let ceiling = min(maxDelay.seconds, baseDelay.seconds * Double(1 << exponent))
        let jittered = Duration.seconds(fractional: ceiling * min(max(jitter, 0), 1))
        if let retryAfter, retryAfter > jittered { return retryAfter }
        return jittered
    }
}
