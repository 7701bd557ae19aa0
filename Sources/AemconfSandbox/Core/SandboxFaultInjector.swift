import Foundation

/// Decides, request by request, which fault (if any) a service injects.
///
/// Each service draws from its own SplitMix64 generator seeded from ``SandboxFaults/seed``, so the
/// sequence of decisions for a service depends only on the seed and on how many requests that
/// service has seen: a failing test replays. Thread-safe; the admin API swaps the faults at run time.
public final class SandboxFaultInjector: @unchecked Sendable {
    /// What to do with one request.
    public enum Decision: Sendable, Equatable {
        /// Answer normally (after `latencyMilliseconds`, possibly 0).
        case pass(latencyMilliseconds: Int)
        /// Answer with this 5xx status instead.
        case error(status: Int, latencyMilliseconds: Int)
        /// Answer `429` with `Retry-After: seconds`.
        case rateLimit(retryAfterSeconds: Int, latencyMilliseconds: Int)
        /// Reset the connection (TCP RST) without an answer.
        case reset
        /// Close the connection (FIN) without an answer.
        case close
        /// The sandbox has crashed: no answer, connection reset.
        case crashed

        /// The name recorded in the request log, or `nil` for a normal answer.
        public var logName: String? {
            switch self {
            case .pass(let latency): latency > 0 ? "latency" : nil
            case .error: "error"
            case .rateLimit: "rate-limit"
            case .reset: "reset"
            case .close: "close"
            case .crashed: "crash"
            }
        }
    }

    private let lock = NSLock()
    private var faults: SandboxFaults
    private var generators: [SandboxService: SplitMix64] = [:]
    private var requestCount = 0
    private var crashed = false
    private let onCrash: (@Sendable () -> Void)?

    /// Creates an injector; `onCrash` runs once when ``SandboxFaults/crashAfterRequests`` is reached.
    public init(faults: SandboxFaults = .none, onCrash: (@Sendable () -> Void)? = nil) {
        self.faults = faults
        self.onCrash = onCrash
        resetGenerators()
    }

    /// The faults in force.
    public var current: SandboxFaults {
        lock.lock()
        defer { lock.unlock() }
        return faults
    }

    /// Whether the sandbox has "crashed" (in-process crash mode).
    public var hasCrashed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return crashed
    }

    /// Replaces the faults; generators restart from the new seed, the request count and crash clear.
    public func set(_ newFaults: SandboxFaults) {
        lock.lock()
        defer { lock.unlock() }
        faults = newFaults
        requestCount = 0
        crashed = false
        resetGenerators()
    }

    /// Decides what `service` does with its next request.
    public func decide(for service: SandboxService) -> Decision {
        lock.lock()
        if crashed {
            lock.unlock()
            return .crashed
        }
        requestCount += 1
        if let limit = faults.crashAfterRequests, requestCount > limit {
            crashed = true
            lock.unlock()
            onCrash?()
            return .crashed
        }
        let rule = faults.rule(for: service)
        guard rule.isActive else {
            lock.unlock()
            return .pass(latencyMilliseconds: 0)
        }
        var generator = generators[service] ?? SplitMix64(seed: faults.seed)
        let draw = generator.nextUnit()
        let pick = generator.next()
        generators[service] = generator
        lock.unlock()

        let latency = rule.latencyMilliseconds
        var threshold = rule.resetRate
        if draw < threshold { return .reset }
        threshold += rule.closeRate
        if draw < threshold { return .close }
        threshold += rule.rateLimitRate
        if draw < threshold {
            return .rateLimit(retryAfterSeconds: rule.retryAfterSeconds, latencyMilliseconds: latency)
        }
        threshold += rule.errorRate
        if draw < threshold, !rule.errorStatuses.isEmpty {
            let status = rule.errorStatuses[Int(pick % UInt64(rule.errorStatuses.count))]
            return .error(status: status, latencyMilliseconds: latency)
        }
        return .pass(latencyMilliseconds: latency)
    }

    private func resetGenerators() {
        generators = [:]
        for (index, service) in SandboxService.allCases.enumerated() {
            generators[service] = SplitMix64(seed: faults.seed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15)
        }
    }
}

/// SplitMix64: a tiny, fast, seedable generator (Steele, Lea, Flood 2014), good enough for fault draws.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<1`.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }
}
