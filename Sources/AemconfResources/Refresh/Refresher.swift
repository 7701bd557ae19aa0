import AemconfModel
import AemconfPlanner
import AemconfProviders
import Foundation

/// Reads every managed object back from the live services, in bulk where the services allow it:
/// one configMgr JSON listing of every IMS configuration with its properties (else the QueryBuilder listing
/// of `/apps/system/config` and one read per managed provider), one QueryBuilder read (per 1,000) of all
/// Target cloud services, one read per console credential, the console's paged list only when a resource
/// has no state row. Never calls Target.
public struct Refresher: Sendable {
    /// The service clients.
    public let session: ServiceSession
    /// At most this many reads at once.
    public let parallelism: Int

    /// Creates a refresher.
    public init(session: ServiceSession, parallelism: Int) {
        self.session = session
        self.parallelism = max(1, parallelism)
    }

    /// What refresh found.
    public struct Result: Sendable {
        /// By address.
        public var observed: [ResourceAddress: ObservedResource]
        /// AEM's product info (service pack).
        public var productInfo: AEMProductInfo?
    }

    /// Observes every address of `desired` and `prior`; `intents` maps addresses to the remote names an
    /// interrupted run was creating.
    public func refresh(
        config: ConfigIndex,
        prior: [ResourceAddress: StoredResource],
        intents: [ResourceAddress: String]
    ) async throws -> Result {
        let addresses = Set(config.config.resourceAddresses).union(prior.keys)
        let byKind = Dictionary(grouping: addresses, by: \.kind)
        async let productInfo = session.aem.discoverProductInfo()
        async let integrations = observeIntegrations(
            byKind[.ioIntegration] ?? [], config: config, prior: prior, intents: intents)
        async let imsConfigurations = observeIMSConfigurations(
            byKind[.imsConfiguration] ?? [], config: config, prior: prior, intents: intents)
        async let cloudServices = observeCloudServices(
            byKind[.targetCloudService] ?? [], config: config, prior: prior, intents: intents)
        var observed: [ResourceAddress: ObservedResource] = [:]
        for part in try await [integrations, imsConfigurations, cloudServices] {
            observed.merge(part) { first, _ in first }
        }
        return Result(observed: observed, productInfo: try await productInfo)
    }

    /// A resource without a state row: made by an interrupted run (intent), by someone else, or not at all.
    private func unowned(_ address: ResourceAddress, found: String?, intents: [ResourceAddress: String])
        -> ObservedResource
    {
        if let remoteName = intents[address] { return .interrupted(remoteName: remoteName) }
        return found.map { .foreign(description: $0) } ?? .absent
    }

    // MARK: - Console

    private func observeIntegrations(
        _ addresses: [ResourceAddress],
        config: ConfigIndex,
        prior: [ResourceAddress: StoredResource],
        intents: [ResourceAddress: String]
    ) async throws -> [ResourceAddress: ObservedResource] {
        guard !addresses.isEmpty, let console = session.console else { return [:] }
        let ids = try await session.consoleLocation.ids(session: session, create: false)
        var result: [ResourceAddress: ObservedResource] = [:]
        let owned = addresses.filter {
            prior[$0]?.remoteIDs["credentialId"] != nil && prior[$0]?.attributes.isEmpty == false
        }
        let unownedAddresses = addresses.filter { !owned.contains($0) }
        let details = try await concurrentMap(owned, limit: parallelism) {
            address -> (ResourceAddress, Console.Integration?) in
            let id = prior[address]?.remoteIDs["credentialId"] ?? ""
            return (address, try await console.integration(orgID: ids.orgID, integrationID: id))
        }
        for (address, credential) in details {
            guard let credential else {
                result[address] = .absent
                continue
            }
            if let remoteName = intents[address] {
                result[address] = .interrupted(remoteName: remoteName)
                continue
            }
            let target = credential.serviceProperties?.first { $0.sdkCode == ServiceAssumptions.targetServiceCode }
            // A migrated credential carries a derived console name (the configured one was still taken).
            var name = credential.name ?? ""
            if let stored = prior[address], name == stored.remoteIDs[RemoteID.consoleName] {
                name = stored.attributes[AttributeName.name]?.knownValue?.stringValue ?? name
            }
            result[address] = .present(attributes: [
                AttributeName.name: .string(name),
                AttributeName.productProfiles: .strings((target?.licenseConfigs ?? []).map(\.name).sorted()),
            ])
        }
        if !unownedAddresses.isEmpty {
            let listed = try await console.integrations(orgID: ids.orgID)
            let byName = Dictionary(
                listed.compactMap { summary in summary.name.map { ($0, summary.id) } },
                uniquingKeysWith: { first, _ in first })
            for address in unownedAddresses {
                let name = config.ioIntegrations[address.name]?.integrationName
                let found = name.flatMap { name in byName[name].map { "the console credential '\(name)' (id \($0))" } }
                result[address] = unowned(address, found: found, intents: intents)
            }
        }
        return result
    }

    // MARK: - AEM

    private func observeIMSConfigurations(
        _ addresses: [ResourceAddress],
        config: ConfigIndex,
        prior: [ResourceAddress: StoredResource],
        intents: [ResourceAddress: String]
    ) async throws -> [ResourceAddress: ObservedResource] {
        guard !addresses.isEmpty else { return [:] }
        let source = try await IMSConfigurationSource.load(from: session.aem)
        let providers = source.providers
        let customizers = source.customizers
        var result: [ResourceAddress: ObservedResource] = [:]
        let owned = addresses.filter { prior[$0]?.remoteIDs["providerPID"] != nil }
        let reads = try await concurrentMap(owned, limit: parallelism) {
            address -> (ResourceAddress, OSGiConfiguration?) in
            let pid = prior[address]?.remoteIDs["providerPID"] ?? ""
            guard providers.contains(pid) else { return (address, nil) }
            return (address, try await source.read(pid))
        }
        for (address, provider) in reads {
            let customizer = prior[address]?.remoteIDs["customizerPID"] ?? ""
            guard let provider, customizers.contains(customizer) else {
                result[address] = .absent
                continue
            }
            if let remoteName = intents[address] {
                result[address] = .interrupted(remoteName: remoteName)
                continue
            }
            result[address] = .present(attributes: IMSConfigurationObservation.attributes(provider))
        }
        let unownedAddresses = addresses.filter { result[$0] == nil }
        if !unownedAddresses.isEmpty {
            // Only configurations no state row owns can carry an unowned resource's name.
            let candidates = providers.subtracting(prior.values.compactMap { $0.remoteIDs["providerPID"] }).sorted()
            let named = try await concurrentMap(candidates, limit: parallelism) { pid in
                (pid, try await source.read(pid)?.value("name"))
            }
            let byName = Dictionary(
                named.compactMap { pid, name in name.map { ($0, pid) } }, uniquingKeysWith: { first, _ in first })
            for address in unownedAddresses {
                let found = byName[address.name].map { "the AEM IMS configuration '\(address.name)' (PID \($0))" }
                result[address] = unowned(address, found: found, intents: intents)
            }
        }
        return result
    }

    private func observeCloudServices(
        _ addresses: [ResourceAddress],
        config: ConfigIndex,
        prior: [ResourceAddress: StoredResource],
        intents: [ResourceAddress: String]
    ) async throws -> [ResourceAddress: ObservedResource] {
        guard !addresses.isEmpty else { return [:] }
        let aem = session.aem
        async let names = aem.discoverTargetFieldNames()
        let pages = try await aem.targetCloudServices()
        let fieldNames = try await names
        var result: [ResourceAddress: ObservedResource] = [:]
        for address in addresses {
            let stored = prior[address]
            let pageName =
                stored?.remoteIDs["pageName"] ?? config.targetCloudServices[address.name]?.effectivePageName
                ?? address.name
            let properties = pages[pageName]
            if let stored, stored.remoteIDs["pageName"] != nil {
                guard let properties else {
                    result[address] = .absent
                    continue
                }
                result[address] = .present(
                    attributes: TargetCloudServiceObservation.attributes(
                        properties, names: fieldNames, pageName: pageName, prior: stored.attributes)
                )
            } else {
                let found = properties.map { _ in "the AEM page '\(AEMClient.targetCloudServicePath(pageName))'" }
                result[address] = unowned(address, found: found, intents: intents)
            }
        }
        return result
    }
}
