/// Every fault the sandbox injects: one rule per service, a crash point, and the seed that makes the
/// sequence of injected faults replayable.
///
/// The admin API (`PUT /_sandbox/faults`) takes and returns this value as JSON; the CLI builds it
/// from `--fault` specifications with ``parse(_:)``.
public struct SandboxFaults: Codable, Sendable, Equatable {
    /// Seed of the per-service generators; the same seed and request order give the same faults.
    public var seed: UInt64
    /// Rules per service; a missing service gets no faults.
    public var services: [SandboxService: SandboxFaultRule]
    /// After this many requests (all services together, the admin API excluded) the sandbox
    /// "crashes": the CLI process exits with status 70, an in-process sandbox resets every
    /// connection until the faults are cleared.
    public var crashAfterRequests: Int?

    /// Creates a fault set; the default injects nothing.
    public init(seed: UInt64 = 1, services: [SandboxService: SandboxFaultRule] = [:], crashAfterRequests: Int? = nil) {
        self.seed = seed
        self.services = services
        self.crashAfterRequests = crashAfterRequests
    }

    /// No faults at all.
    public static let none = SandboxFaults()

    /// The rule for `service` (an inactive rule when none is set).
    public func rule(for service: SandboxService) -> SandboxFaultRule {
        services[service] ?? SandboxFaultRule()
    }

    private enum CodingKeys: String, CodingKey {
        case seed, services, crashAfterRequests
    }

    /// Decodes faults; `services` is an object keyed by service name (`aem`, `ims`, `console`, `target`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.seed = try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1
        self.crashAfterRequests = try container.decodeIfPresent(Int.self, forKey: .crashAfterRequests)
        let named = try container.decodeIfPresent([String: SandboxFaultRule].self, forKey: .services) ?? [:]
        var services: [SandboxService: SandboxFaultRule] = [:]
        for (name, rule) in named {
            guard let service = SandboxService(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .services,
                    in: container,
                    debugDescription: "unknown service '\(name)'; expected aem, ims, console or target"
                )
            }
            services[service] = rule
        }
        self.services = services
    }

    /// Encodes faults with `services` keyed by service name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seed, forKey: .seed)
        try container.encodeIfPresent(crashAfterRequests, forKey: .crashAfterRequests)
        var named: [String: SandboxFaultRule] = [:]
        for (service, rule) in services {
            named[service.rawValue] = rule
        }
        try container.encode(named, forKey: .services)
    }
}
