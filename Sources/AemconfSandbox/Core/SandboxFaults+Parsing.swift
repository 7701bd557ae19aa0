import Foundation

/// `--fault` specifications, e.g. `seed=42`, `crash-after=100`, `target:error-rate=0.2`,
/// `all:latency=50,reset=0.01`, `aem:error-rate=0.5,error-statuses=502/503`, `ims:rate-limit=0.1,retry-after=2`.
extension SandboxFaults {
    /// Builds a fault set from `--fault` specifications; throws ``SandboxConfigurationError`` naming the bad one.
    public static func parse(_ specifications: [String]) throws -> SandboxFaults {
        var faults = SandboxFaults()
        for specification in specifications {
            try faults.apply(specification)
        }
        return faults
    }

    private mutating func apply(_ specification: String) throws {
        let trimmed = specification.trimmingCharacters(in: .whitespaces)
        if let value = trimmed.value(afterPrefix: "seed=") {
            guard let seed = UInt64(value) else {
                throw SandboxConfigurationError.badFault(specification, reason: "seed must be a whole number")
            }
            self.seed = seed
            return
        }
        if let value = trimmed.value(afterPrefix: "crash-after=") {
            guard let count = Int(value), count >= 0 else {
                throw SandboxConfigurationError.badFault(specification, reason: "crash-after must be a whole number")
            }
            self.crashAfterRequests = count
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else {
            throw SandboxConfigurationError.badFault(
                specification,
                reason: "expected 'SERVICE:KEY=VALUE[,KEY=VALUE]', 'seed=N' or 'crash-after=N'"
            )
        }
        let target = String(trimmed[..<colon])
        let services: [SandboxService]
        if target == "all" {
            services = SandboxService.allCases
        } else if let service = SandboxService(rawValue: target) {
            services = [service]
        } else {
            throw SandboxConfigurationError.badFault(
                specification,
                reason: "unknown service '\(target)'; expected aem, ims, console, target or all"
            )
        }
        let settings = trimmed[trimmed.index(after: colon)...].split(separator: ",")
        for service in services {
            var rule = self.services[service] ?? SandboxFaultRule()
            for setting in settings {
                try rule.apply(String(setting), specification: specification)
            }
            self.services[service] = rule
        }
    }
}

extension SandboxFaultRule {
    fileprivate mutating func apply(_ setting: String, specification: String) throws {
        let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw SandboxConfigurationError.badFault(specification, reason: "'\(setting)' is not KEY=VALUE")
        }
        let key = parts[0].trimmingCharacters(in: .whitespaces)
        let value = parts[1].trimmingCharacters(in: .whitespaces)
        func rate() throws -> Double {
            guard let rate = Double(value), rate >= 0, rate <= 1 else {
                throw SandboxConfigurationError.badFault(specification, reason: "'\(key)' must be between 0 and 1")
            }
            return rate
        }
        func whole() throws -> Int {
            let digits = value.hasSuffix("ms") ? String(value.dropLast(2)) : value
            guard let number = Int(digits), number >= 0 else {
                throw SandboxConfigurationError.badFault(specification, reason: "'\(key)' must be a whole number")
            }
            return number
        }
        switch key {
        case "error-rate": errorRate = try rate()
        case "error-statuses":
            let statuses = value.split(separator: "/").compactMap { Int($0) }
            guard !statuses.isEmpty, statuses.allSatisfy({ (500...599).contains($0) }) else {
                throw SandboxConfigurationError.badFault(
                    specification,
                    reason: "'error-statuses' must list 5xx statuses separated by '/'"
                )
            }
            errorStatuses = statuses
        case "rate-limit", "429": rateLimitRate = try rate()
        case "retry-after": retryAfterSeconds = try whole()
        case "latency": latencyMilliseconds = try whole()
        case "reset": resetRate = try rate()
        case "close": closeRate = try rate()
        default:
            throw SandboxConfigurationError.badFault(
                specification,
                reason:
                    "unknown key '\(key)'; expected error-rate, error-statuses, rate-limit, retry-after, latency, reset or close"
            )
        }
    }
}

extension String {
    fileprivate func value(afterPrefix prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
