import AemconfProviders

/// The IMS configurations as refresh sees them: which provider and customizer PIDs exist, and how to read a
/// provider. One configMgr request lists them all with their properties (``AEMClient/imsConfigurationSet()``);
/// on a console without that JSON listing, the QueryBuilder listing of `/apps/system/config` gives the PIDs and
/// each provider is read with configMgr when asked for.
struct IMSConfigurationSource: Sendable {
    /// The access-token provider PIDs.
    var providers: Set<String>
    /// The request customizer PIDs.
    var customizers: Set<String>
    /// The provider with a PID, `nil` when it has gone or has no property.
    var read: @Sendable (String) async throws -> OSGiConfiguration?

    /// Reads what AEM holds: in bulk when the console allows it, else the listing (reads happen later, per PID).
    static func load(from aem: AEMClient) async throws -> IMSConfigurationSource {
        if let set = try await aem.imsConfigurationSet() {
            let providers = set.providers
            return IMSConfigurationSource(
                providers: Set(providers.keys), customizers: Set(set.customizers.keys), read: { providers[$0] })
        }
        let providerFactory = ServiceAssumptions.accessTokenProviderFactoryPID
        let customizerFactory = ServiceAssumptions.requestCustomizerFactoryPID
        let listing = try await aem.configurationPIDs(factoryPIDs: [providerFactory, customizerFactory])
        return IMSConfigurationSource(
            providers: Set(listing[providerFactory] ?? []), customizers: Set(listing[customizerFactory] ?? []),
            read: { try await aem.readConfiguration(pid: $0) }
        )
    }
}
