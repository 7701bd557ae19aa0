import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfState
import Foundation

/// What a resource driver works with during one apply step.
public struct DriverContext: Sendable {
    /// The service clients.
    public var session: ServiceSession
    /// Where progress is recorded.
    public var journal: any ResourceJournal
    /// Seals secrets that cannot be read again (client secrets, private keys); `nil` without a state key.
    public var sealer: SecretSealer?
    /// The state being applied (lineage and workspace): bound into every sealed value's authenticated data.
    public var scope: SealScope
    /// Fingerprints secrets for change detection.
    public var fingerprinter: SecretFingerprinter
    /// The config, indexed by name.
    public var config: ConfigIndex
    /// Resolves the config's secret references.
    public var resolveSecret: @Sendable (SecretReference) throws -> Secret
    /// Reads files the config names.
    public var readFile: @Sendable (String) -> [UInt8]?
    /// Verify even when nothing changed (`--verify`).
    public var verifyAlways: Bool
    /// What this run sealed or opened, so a sealed value is opened once (shared by the context's copies).
    let openedSecrets = OpenedSecrets()

    /// Creates a context.
    public init(
        session: ServiceSession,
        journal: any ResourceJournal,
        sealer: SecretSealer?,
        scope: SealScope,
        fingerprinter: SecretFingerprinter,
        config: ConfigIndex,
        resolveSecret: @escaping @Sendable (SecretReference) throws -> Secret,
        readFile: @escaping @Sendable (String) -> [UInt8]?,
        verifyAlways: Bool = false
    ) {
        self.session = session
        self.journal = journal
        self.sealer = sealer
        self.scope = scope
        self.fingerprinter = fingerprinter
        self.config = config
        self.resolveSecret = resolveSecret
        self.readFile = readFile
        self.verifyAlways = verifyAlways
    }

    /// The wall clock of the run.
    var now: Date { session.environment.clock.now() }

    /// A fingerprint as plan value.
    func sensitive(_ secret: Secret) -> PlanValue {
        .sensitive(fingerprint: fingerprinter.fingerprint(secret).value)
    }

    /// A Target client for `service`'s tenant with its IMS configuration's credential (from state's rows).
    func targetClient(for service: TargetCloudService) async throws -> TargetClient {
        let ims = IMSConfigurationDriver(
            configuration: config.imsConfigurations[service.imsConfiguration.name]
                ?? IMSConfiguration(name: service.imsConfiguration.name, title: ""),
            context: self
        )
        let credential = try await ims.credentialValues(resolving: false).ims
        return await session.target(tenant: service.effectiveTenantId, credential: credential)
    }

    /// The sealer, or the error that says how to make a state key.
    func requireSealer(for address: ResourceAddress) throws -> SecretSealer {
        guard let sealer else { throw EngineError.stateKeyRequired(address) }
        return sealer
    }

    /// Seals `secret` for `field` of `address`.
    func seal(_ secret: Secret, _ address: ResourceAddress, _ field: String) throws -> StoredSecret {
        .sealed(
            try openedSecrets.seal(
                secret, address: address.description, field: field, scope: scope,
                sealer: try requireSealer(for: address)))
    }

    /// Opens the sealed `field` of `resource`.
    func open(_ field: String, of resource: StoredResource) throws -> Secret? {
        guard let sealed = resource.secrets[field]?.sealedValue else { return nil }
        return try openedSecrets.open(
            sealed, address: resource.address.description, field: field, scope: scope,
            sealer: try requireSealer(for: resource.address))
    }
}

/// The config's resources by name: lookups at 3,000 stacks without a linear search per reference.
public struct ConfigIndex: Sendable {
    /// The config.
    public let config: Config
    /// Integrations by name.
    public let ioIntegrations: [String: IOIntegration]
    /// IMS configurations by name.
    public let imsConfigurations: [String: IMSConfiguration]
    /// Target cloud services by name.
    public let targetCloudServices: [String: TargetCloudService]

    /// Indexes `config`.
    public init(_ config: Config) {
        self.config = config
        ioIntegrations = Dictionary(
            config.ioIntegrations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        imsConfigurations = Dictionary(
            config.imsConfigurations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        targetCloudServices = Dictionary(
            config.targetCloudServices.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
