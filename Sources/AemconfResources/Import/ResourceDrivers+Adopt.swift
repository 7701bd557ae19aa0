import AemconfModel
import AemconfPlanner

extension ResourceDrivers {
    /// Adopts the remote object `id` as `address` (`aemconf import`): reads it, builds the row from the live values
    /// and the resolved desired attributes `after` (for what the services never reveal), and commits it through
    /// the journal. Nothing remote is written.
    public func adopt(_ address: ResourceAddress, id: String, after: PlanAttributes) async throws {
        let index = context.config
        switch address.kind {
        case .ioIntegration:
            guard let integration = index.ioIntegrations[address.name] else { throw ImportError.notInConfig(address) }
            try await IOIntegrationDriver(integration: integration, context: context).adopt(id: id, after: after)
        case .imsConfiguration:
            guard let configuration = index.imsConfigurations[address.name] else {
                throw ImportError.notInConfig(address)
            }
            try await IMSConfigurationDriver(configuration: configuration, context: context).adopt(id: id, after: after)
        case .targetCloudService:
            guard let service = index.targetCloudServices[address.name] else { throw ImportError.notInConfig(address) }
            try await TargetCloudServiceDriver(service: service, context: context).adopt(id: id, after: after)
        }
    }

    /// The remote id `stored` is known by, in the form `aemconf import` takes (to refuse adopting one object twice).
    public static func importID(of stored: StoredResource) -> String? {
        switch stored.address.kind {
        case .ioIntegration: stored.remoteIDs["credentialId"]
        case .imsConfiguration: stored.remoteIDs["providerPID"]
        case .targetCloudService: stored.remoteIDs["pageName"]
        }
    }

    /// `id` in the form ``importID(of:)`` returns.
    public static func normalizedImportID(_ id: String, kind: ResourceKind) -> String {
        kind == .targetCloudService ? TargetCloudServiceDriver.pageName(fromImportID: id) : id
    }
}
