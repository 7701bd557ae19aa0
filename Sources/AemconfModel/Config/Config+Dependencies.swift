extension Config {
    /// Every resource's address, in apply order of kinds and document order within a kind.
    public var resourceAddresses: [ResourceAddress] {
        ioIntegrations.map(\.address) + imsConfigurations.map(\.address) + targetCloudServices.map(\.address)
    }

    /// The references each resource makes (its own references plus `dependsOn`), keyed by address.
    ///
    /// A cloud service depends on its IMS configuration, an IMS configuration on its integration.
    public var dependencies: [ResourceAddress: [ResourceReference]] {
        var result: [ResourceAddress: [ResourceReference]] = [:]
        for integration in ioIntegrations {
            result[integration.address] = integration.dependsOn
        }
        for configuration in imsConfigurations {
            result[configuration.address] = (configuration.integration.map { [$0] } ?? []) + configuration.dependsOn
        }
        for service in targetCloudServices {
            result[service.address] = [service.imsConfiguration] + service.dependsOn
        }
        return result
    }

    /// Every secret reference in the config, in document order of kinds.
    public var secretReferences: [SecretReference] {
        [aem.password] + (adobe.console.map { [$0.token] } ?? []) + imsConfigurations.compactMap(\.clientSecret)
    }
}
