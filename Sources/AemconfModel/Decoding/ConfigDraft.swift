/// The config being assembled from one or more files: what has been read so far, with the places names
/// were first defined (to report a name defined twice, naming both places).
struct ConfigDraft: Sendable {
    var aem: AemConnection?
    var adobe: AdobeSettings?
    var ioIntegrations: [IOIntegration] = []
    var imsConfigurations: [IMSConfiguration] = []
    var targetCloudServices: [TargetCloudService] = []
    /// Where each resource was first defined.
    var resourceLocations: [ResourceAddress: SourceLocation] = [:]
    /// The files read, in order.
    var files: [String] = []
    /// The `version` of the file being read.
    var version: Int = Config.currentVersion

    /// Makes room for about `resources` more resources, spread evenly over the three kinds.
    mutating func reserve(resources: Int) {
        resourceLocations.reserveCapacity(resourceLocations.count + resources)
        ioIntegrations.reserveCapacity(ioIntegrations.count + resources / 3)
        imsConfigurations.reserveCapacity(imsConfigurations.count + resources / 3)
        targetCloudServices.reserveCapacity(targetCloudServices.count + resources / 3)
    }

    /// How many resources of each kind have been read: what ``removeResources(after:)`` returns to.
    struct ResourceCounts {
        fileprivate var ioIntegrations: Int
        fileprivate var imsConfigurations: Int
        fileprivate var targetCloudServices: Int
    }

    /// The current resource counts.
    var resourceCounts: ResourceCounts {
        ResourceCounts(
            ioIntegrations: ioIntegrations.count, imsConfigurations: imsConfigurations.count,
            targetCloudServices: targetCloudServices.count)
    }

    /// Removes the resources read since `counts` was taken, and their recorded locations.
    mutating func removeResources(after counts: ResourceCounts) {
        for integration in ioIntegrations[counts.ioIntegrations...] { resourceLocations[integration.address] = nil }
        for configuration in imsConfigurations[counts.imsConfigurations...] {
            resourceLocations[configuration.address] = nil
        }
        for service in targetCloudServices[counts.targetCloudServices...] { resourceLocations[service.address] = nil }
        ioIntegrations.removeSubrange(counts.ioIntegrations...)
        imsConfigurations.removeSubrange(counts.imsConfigurations...)
        targetCloudServices.removeSubrange(counts.targetCloudServices...)
    }

    /// The finished config; `nil` while a connection block is missing.
    var config: Config? {
        guard let aem, let adobe else { return nil }
        return Config(
            version: version,
            aem: aem,
            adobe: adobe,
            ioIntegrations: ioIntegrations,
            imsConfigurations: imsConfigurations,
            targetCloudServices: targetCloudServices,
            files: files
        )
    }
}

extension SecretReference {
    /// Stands in for a required secret until its key is read.
    static let placeholder = SecretReference(source: .environment(""), location: .unknown)
}

extension ResourceReference {
    /// Stands in for a required reference until its key is read.
    static func placeholder(_ kind: ResourceKind) -> ResourceReference {
        ResourceReference(address: ResourceAddress(kind: kind, name: ""), location: .unknown)
    }
}
