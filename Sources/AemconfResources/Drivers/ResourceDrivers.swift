import AemconfModel
import AemconfPlanner

/// Picks the driver for a change's kind: the only place that maps kinds to drivers.
public struct ResourceDrivers: Sendable {
    /// The drivers' context.
    public let context: DriverContext

    /// Creates the table.
    public init(context: DriverContext) {
        self.context = context
    }

    /// Runs the step for `change`.
    /// Removes what `change` retired (the old certificate, client secret or JWT credential of a rotation or
    /// migration) once its dependents use the new one; a no-op for every other change.
    public func finish(_ change: PlannedChange) async throws {
        guard change.address.kind == .ioIntegration, change.action != .delete,
            let integration = context.config.ioIntegrations[change.address.name]
        else { return }
        try await IOIntegrationDriver(integration: integration, context: context).finish()
    }

    public func apply(_ change: PlannedChange) async throws {
        let address = change.address
        let index = context.config
        switch address.kind {
        case .ioIntegration:
            let integration =
                index.ioIntegrations[address.name]
                ?? (change.action == .delete ? IOIntegration(name: address.name, integrationName: address.name) : nil)
            guard let integration else { throw EngineError.notInConfig(address) }
            try await IOIntegrationDriver(integration: integration, context: context).apply(change)
        case .imsConfiguration:
            let configuration =
                index.imsConfigurations[address.name]
                ?? (change.action == .delete ? IMSConfiguration(name: address.name, title: "") : nil)
            guard let configuration else { throw EngineError.notInConfig(address) }
            try await IMSConfigurationDriver(configuration: configuration, context: context).apply(change)
        case .targetCloudService:
            let service =
                index.targetCloudServices[address.name]
                ?? (change.action == .delete
                    ? TargetCloudService(
                        name: address.name, title: address.name, clientCode: "",
                        imsConfiguration: ResourceReference(address: address, location: .unknown))
                    : nil)
            guard let service else { throw EngineError.notInConfig(address) }
            try await TargetCloudServiceDriver(service: service, context: context).apply(change)
        }
    }
}
