import AemconfModel
import AemconfProviders
import Foundation

/// The service clients of one run, built once from the config's connection blocks.
///
/// Token caches and Target clients are made per credential and reused, so every client that uses one
/// credential shares its token and its Target rate budget.
public final class ServiceSession: Sendable {
    /// The environment every client shares (transport, clock, retry policy, logger, redactor).
    public let environment: ServiceEnvironment
    /// The AEM author.
    public let aem: AEMClient
    /// Adobe IMS.
    public let ims: IMSClient
    /// The Developer Console; `nil` when the config has no console block.
    public let console: ConsoleClient?
    /// The Target Admin API base URL.
    public let targetBaseURL: String
    /// The IMS org id (`…@AdobeOrg`).
    public let imsOrg: String
    /// The console project and workspace names.
    public let consoleProject: String
    /// The console workspace name.
    public let consoleWorkspace: String
    /// Where the console's org, project and workspace ids are cached.
    public let consoleLocation: ConsoleLocation
    let tokenCaches = TokenCacheRegistry()
    let profiles = ProductProfileCache()

    /// Creates the clients.
    public init(
        environment: ServiceEnvironment,
        aemURL: String,
        aemUsername: String,
        aemPassword: Secret,
        consoleToken: Secret?,
        consoleAPIKey: String = ConsoleClient.cliAPIKey,
        endpoints: AdobeEndpoints,
        imsOrg: String,
        consoleProject: String,
        consoleWorkspace: String
    ) {
        self.environment = environment
        self.aem = AEMClient(baseURL: aemURL, username: aemUsername, password: aemPassword, environment: environment)
        self.ims = IMSClient(baseURL: endpoints.ims, environment: environment)
        if let consoleToken {
            environment.redactor.register(consoleToken)
            self.console = ConsoleClient(
                baseURL: endpoints.console,
                tokens: StaticTokenSource(token: consoleToken),
                apiKey: consoleAPIKey,
                environment: environment
            )
        } else {
            self.console = nil
        }
        self.targetBaseURL = endpoints.target
        self.imsOrg = imsOrg
        self.consoleProject = consoleProject
        self.consoleWorkspace = consoleWorkspace
        self.consoleLocation = ConsoleLocation()
    }

    /// The console client, or an error saying the config needs an `adobe.console` block.
    public func requireConsole() throws -> ConsoleClient {
        guard let console else { throw EngineError.consoleNotConfigured }
        return console
    }

    /// The Target product profiles named `names`, from one read of the org's Target service per run.
    public func productProfiles(orgID: String, named names: [String]) async throws -> [Console.LicenseConfig] {
        let available = try await profiles.profiles(orgID: orgID, console: try requireConsole())
        return try names.map { name in
            guard let profile = available.first(where: { $0.name == name || $0.id == name }) else {
                // Let the client produce its full message (with the available names).
                throw ProductProfileCache.Missing(name: name, available: available.map(\.name))
            }
            return profile
        }
    }

    /// A token source for `credential`, shared by every caller in this run.
    public func tokens(for credential: IMSCredential) async -> TokenCache {
        await tokenCaches.cache(for: credential, ims: ims)
    }

    /// A Target client for `tenant` authenticating with `credential`.
    public func target(tenant: String, credential: IMSCredential) async -> TargetClient {
        let tokens = await tokens(for: credential)
        return TargetClient(
            baseURL: targetBaseURL, tenant: tenant, tokens: tokens, apiKey: credential.clientID,
            environment: environment)
    }
}

/// One token cache per credential (by client id and a fingerprint of how it authenticates).
actor TokenCacheRegistry {
    private var caches: [String: TokenCache] = [:]

    func cache(for credential: IMSCredential, ims: IMSClient) -> TokenCache {
        let key = credential.clientID
        if let cache = caches[key] { return cache }
        let cache = TokenCache(credential: credential, ims: ims)
        caches[key] = cache
        return cache
    }
}

/// The org's Target product profiles, read once per run.
actor ProductProfileCache {
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var available: [String]
        var description: String {
            "no Adobe Target product profile '\(name)' in the organization; available: "
                + available.map { "'\($0)'" }.joined(separator: ", ")
        }
    }

    private var cached: [String: [Console.LicenseConfig]] = [:]

    func profiles(orgID: String, console: ConsoleClient) async throws -> [Console.LicenseConfig] {
        if let found = cached[orgID] { return found }
        let profiles = try await console.targetService(orgID: orgID).licenseConfigs
        cached[orgID] = profiles
        return profiles
    }
}
