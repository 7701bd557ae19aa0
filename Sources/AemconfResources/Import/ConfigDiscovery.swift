import AemconfModel
import AemconfPlanner
import AemconfProviders
import Foundation

/// Finds what exists (`aemconf import --generate-config`): credentials in the config's console project, IMS
/// configurations and Target cloud services in AEM. Read-only; objects state already manages are left out.
public enum ConfigDiscovery {
    /// Discovers every importable object; `managed` holds the import ids state already records, and `taken` the
    /// resource names the config already uses (a generated name never collides with them), per kind.
    public static func discover(
        session: ServiceSession,
        managed: [ResourceKind: Set<String>],
        taken: [ResourceKind: Set<String>] = [:],
        parallelism: Int
    ) async throws -> DiscoveredConfig {
        var result = DiscoveredConfig()
        var names = ResourceNames(taken: taken[.ioIntegration] ?? [])
        if session.console != nil {
            try await discoverIntegrations(
                session: session, managed: managed[.ioIntegration] ?? [], into: &result, names: &names)
        }
        try await discoverIMSConfigurations(
            session: session, managed: managed[.imsConfiguration] ?? [], into: &result,
            names: ResourceNames(taken: taken[.imsConfiguration] ?? []), parallelism: parallelism)
        try await discoverCloudServices(
            session: session, managed: managed[.targetCloudService] ?? [], into: &result,
            names: ResourceNames(taken: taken[.targetCloudService] ?? []))
        return result
    }

    private static func discoverIntegrations(
        session: ServiceSession,
        managed: Set<String>,
        into result: inout DiscoveredConfig,
        names: inout ResourceNames
    ) async throws {
        let console = try session.requireConsole()
        let ids = try await session.consoleLocation.ids(session: session, create: false)
        guard let projectID = ids.projectID, let workspaceID = ids.workspaceID else {
            result.skipped.append("console project '\(session.consoleProject)': not found, so no credential was read")
            return
        }
        for entry in try await console.credentials(orgID: ids.orgID, projectID: projectID, workspaceID: workspaceID) {
            let id = entry.id_integration
            guard !managed.contains(id) else { continue }
            guard entry.isOAuthServerToServer else {
                result.skipped.append(
                    "console credential '\(id)': a JWT credential cannot be imported (its private key cannot "
                        + "be read back)"
                )
                continue
            }
            guard let details = try await console.integration(orgID: ids.orgID, integrationID: id) else { continue }
            let target = details.serviceProperties?.first { $0.sdkCode == ServiceAssumptions.targetServiceCode }
            let credentialName = details.name ?? id
            result.integrations.append(
                DiscoveredConfig.Integration(
                    name: names.unique(credentialName, kind: .ioIntegration), credentialName: credentialName, id: id,
                    clientID: details.apikey ?? "", productProfiles: (target?.licenseConfigs ?? []).map(\.name).sorted()
                )
            )
        }
    }

    private static func discoverIMSConfigurations(
        session: ServiceSession,
        managed: Set<String>,
        into result: inout DiscoveredConfig,
        names: ResourceNames,
        parallelism: Int
    ) async throws {
        let aem = session.aem
        let factory = ServiceAssumptions.accessTokenProviderFactoryPID
        let pairs: [AEMIMSConfigurationSet.Pair?]
        if let set = try await aem.imsConfigurationSet() {
            pairs = set.providers.keys.filter { !managed.contains($0) }.sorted().map { set.pair(providerPID: $0) }
        } else {
            let pids = try await aem.configurationPIDs(factoryPID: factory).filter { !managed.contains($0) }.sorted()
            pairs = try await concurrentMap(pids, limit: parallelism) { pid in
                try await aem.imsConfiguration(providerPID: pid)
            }
        }
        var names = names
        for found in pairs.compactMap({ $0 }) {
            let pid = found.ids.providerPID
            let observed = IMSConfigurationObservation.attributes(found.provider)
            guard found.customizer != nil else {
                result.skipped.append("AEM IMS configuration '\(pid)': it has no request customizer (a half-made pair)")
                continue
            }
            guard observed[AttributeName.authentication]?.stringValue == CredentialType.oauthServerToServer.rawValue
            else {
                result.skipped.append(
                    "AEM IMS configuration '\(pid)': JWT configurations cannot be imported (migrate them to OAuth)")
                continue
            }
            let clientID = observed[AttributeName.clientId]?.stringValue ?? ""
            result.imsConfigurations.append(
                DiscoveredConfig.IMSConfiguration(
                    name: names.unique(found.provider.value("name") ?? pid, kind: .imsConfiguration), pid: pid,
                    title: observed[AttributeName.title]?.stringValue ?? pid,
                    authorizationServer: observed[AttributeName.authorizationServer]?.stringValue,
                    clientID: clientID,
                    scopes: observed[AttributeName.scopes]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    integration: result.integrations.first { $0.clientID == clientID && !clientID.isEmpty }?.name
                )
            )
        }
    }

    private static func discoverCloudServices(
        session: ServiceSession, managed: Set<String>, into result: inout DiscoveredConfig, names: ResourceNames
    ) async throws {
        let aem = session.aem
        let pages = try await aem.targetCloudServices()
        guard !pages.isEmpty else { return }
        let fieldNames = try await aem.discoverTargetFieldNames()
        var names = names
        for pageName in pages.keys.sorted() where !managed.contains(pageName) {
            guard let properties = pages[pageName] else { continue }
            let observed = TargetCloudServiceObservation.attributes(
                properties, names: fieldNames, pageName: pageName, prior: nil)
            let reference = observed[AttributeName.imsConfiguration]?.stringValue ?? ""
            guard let ims = result.imsConfigurations.first(where: { $0.pid == reference || $0.name == reference })
            else {
                let path = AEMClient.targetCloudServicePath(pageName)
                result.skipped.append(
                    "AEM page '\(path)': its IMS configuration '\(reference)' is not one written here "
                        + "(missing, or already managed)"
                )
                continue
            }
            result.cloudServices.append(
                DiscoveredConfig.CloudService(
                    name: names.unique(pageName, kind: .targetCloudService), pageName: pageName, attributes: observed,
                    imsConfiguration: ims.name
                )
            )
        }
    }
}

/// Resource names made from remote names: lower-case letters, digits, `-` and `_`, at most 63 characters, unique.
struct ResourceNames {
    private var used: Set<String>

    /// Names in `taken` are never handed out.
    init(taken: Set<String> = []) {
        used = taken
    }

    /// A name for `remote`: lower-case, other characters as one `-`, at most 60 characters, then `-2`, `-3`, … until
    /// it is unused.
    mutating func unique(_ remote: String, kind: ResourceKind) -> String {
        var base = ""
        for scalar in remote.lowercased().unicodeScalars {
            let keep =
                scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
            if keep {
                base.unicodeScalars.append(scalar)
            } else if !base.hasSuffix("-") {
                base.append("-")
            }
        }
        base = String(base.drop { $0 == "-" || $0 == "_" }.prefix(60))
        while base.hasSuffix("-") { base.removeLast() }
        if base.isEmpty { base = kind.rawValue.lowercased() }
        var candidate = base
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}
