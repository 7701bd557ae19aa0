import AemconfModel

extension AEMClient {
    /// Creates the IMS configuration pair (customizer, then provider) through configMgr (aem.md §2.3).
    public func createIMSConfiguration(_ configuration: AEMIMSConfiguration) async throws -> AEMIMSConfigurationIDs {
        let step = "creating \(configuration)"
        let customizerPID = try await createFactoryConfiguration(
            factoryPID: ServiceAssumptions.requestCustomizerFactoryPID,
            properties: configuration.customizerProperties,
            secrets: [(AEMIMSConfiguration.clientSecretProperty, configuration.clientSecret)],
            identifying: ("customizer.type", configuration.customizerType),
            step: step
        )
        let providerPID = try await createFactoryConfiguration(
            factoryPID: ServiceAssumptions.accessTokenProviderFactoryPID,
            properties: configuration.providerProperties,
            identifying: ("name", configuration.name),
            step: step
        )
        return AEMIMSConfigurationIDs(providerPID: providerPID, customizerPID: customizerPID)
    }

    /// Every IMS configuration pair in one configMgr request (``readConfigurations(factoryPIDs:)``); `nil` when the
    /// console does not serve the JSON listing (the lookups below then read one PID at a time).
    public func imsConfigurationSet() async throws -> AEMIMSConfigurationSet? {
        let providerFactory = ServiceAssumptions.accessTokenProviderFactoryPID
        let customizerFactory = ServiceAssumptions.requestCustomizerFactoryPID
        guard let read = try await readConfigurations(factoryPIDs: [providerFactory, customizerFactory]) else {
            return nil
        }
        return AEMIMSConfigurationSet(
            providers: read[providerFactory] ?? [], customizers: read[customizerFactory] ?? [])
    }

    /// Finds the IMS configuration pair whose provider `name` is `name`; `nil` when there is none.
    public func findIMSConfiguration(name: String) async throws -> AEMIMSConfigurationSet.Pair? {
        if let set = try await imsConfigurationSet() { return set.pair(named: name) }
        for pid in try await configurationPIDs(factoryPID: ServiceAssumptions.accessTokenProviderFactoryPID) {
            guard let provider = try await readConfiguration(pid: pid), provider.value("name") == name else { continue }
            return try await pair(provider)
        }
        return nil
    }

    /// The IMS configuration pair whose provider has `providerPID`; `nil` when there is no such provider.
    public func imsConfiguration(providerPID: String) async throws -> AEMIMSConfigurationSet.Pair? {
        if let set = try await imsConfigurationSet() { return set.pair(providerPID: providerPID) }
        let providers = try await configurationPIDs(factoryPID: ServiceAssumptions.accessTokenProviderFactoryPID)
        guard providers.contains(providerPID), let provider = try await readConfiguration(pid: providerPID) else {
            return nil
        }
        return try await pair(provider)
    }

    /// The provider with its customizer (the one whose `customizer.type` the provider names).
    private func pair(_ provider: OSGiConfiguration) async throws -> AEMIMSConfigurationSet.Pair {
        let customizer = try await customizer(type: provider.value("token.request.customizer.type"))
        let ids = AEMIMSConfigurationIDs(providerPID: provider.pid, customizerPID: customizer?.pid ?? "")
        return (ids, provider, customizer)
    }

    /// The PID of the request customizer of type `type` (``AEMIMSConfiguration/customizerType``); `nil` when there
    /// is none. A create writes the customizer first, so one without its provider is what a create stopped between
    /// its two writes leaves (a killed or failed apply).
    public func findIMSCustomizer(type: String) async throws -> String? {
        if let set = try await imsConfigurationSet() { return set.customizer(type: type)?.pid }
        return try await customizer(type: type)?.pid
    }

    /// The request customizer whose `customizer.type` is `type` (one configMgr read per customizer until found).
    private func customizer(type: String?) async throws -> OSGiConfiguration? {
        for pid in try await configurationPIDs(factoryPID: ServiceAssumptions.requestCustomizerFactoryPID) {
            if let read = try await readConfiguration(pid: pid), read.value("customizer.type") == type { return read }
        }
        return nil
    }

    /// Rewrites both configurations of the pair.
    public func updateIMSConfiguration(_ ids: AEMIMSConfigurationIDs, to configuration: AEMIMSConfiguration)
        async throws
    {
        let step = "updating \(configuration)"
        try await updateConfiguration(
            pid: ids.customizerPID,
            properties: configuration.customizerProperties,
            secrets: [(AEMIMSConfiguration.clientSecretProperty, configuration.clientSecret)],
            step: step
        )
        try await updateConfiguration(pid: ids.providerPID, properties: configuration.providerProperties, step: step)
    }

    /// Deletes both configurations of the pair.
    public func deleteIMSConfiguration(_ ids: AEMIMSConfigurationIDs, name: String) async throws {
        let step = "deleting IMS configuration '\(name)'"
        try await deleteConfiguration(pid: ids.providerPID, step: step)
        if !ids.customizerPID.isEmpty { try await deleteConfiguration(pid: ids.customizerPID, step: step) }
    }
}
