import Foundation

/// The Developer Console slice of the sandbox state: organizations with their services and product
/// profiles, console users, projects with workspaces, and credentials (integrations) with their secrets,
/// certificate bindings and service subscriptions (adobe-io-console.md).
///
/// IMS reads credentials from here (client ids, secrets, bindings, metascopes, scopes); Target reads the
/// product profiles a credential is subscribed to.
public struct ConsoleState: Codable, Sendable {
    /// Organizations; `id` is the AMS id used in paths, `code` the IMS org id.
    public var organizations: [ConsoleOrganization]
    /// People who can log in to the console (their user tokens are issued by IMS).
    public var users: [ConsoleUser]
    /// Projects of all organizations.
    public var projects: [ConsoleProject]
    /// Credentials (integrations) of all organizations, in creation order, indexed by client id, integration id
    /// and name.
    public var credentials: ConsoleCredentialList
    /// Dates and limits the console enforces.
    public var policy: ConsolePolicy
    /// The next numeric id handed out for a project, workspace, credential or binding.
    public var nextID: Int

    /// Creates an empty console with the default policy.
    public init(
        organizations: [ConsoleOrganization] = [],
        users: [ConsoleUser] = [],
        projects: [ConsoleProject] = [],
        credentials: [ConsoleCredential] = [],
        policy: ConsolePolicy = ConsolePolicy(),
        nextID: Int = 100_000
    ) {
        self.organizations = organizations
        self.users = users
        self.projects = projects
        self.credentials = ConsoleCredentialList(credentials)
        self.policy = policy
        self.nextID = nextID
    }

    private enum CodingKeys: String, CodingKey {
        case organizations, users, projects, credentials, policy, nextID
    }

    /// Decodes a slice; missing lists are empty and a missing policy is the documented one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organizations = try container.decodeIfPresent([ConsoleOrganization].self, forKey: .organizations) ?? []
        users = try container.decodeIfPresent([ConsoleUser].self, forKey: .users) ?? []
        projects = try container.decodeIfPresent([ConsoleProject].self, forKey: .projects) ?? []
        credentials = try container.decodeIfPresent(ConsoleCredentialList.self, forKey: .credentials) ?? []
        policy = try container.decodeIfPresent(ConsolePolicy.self, forKey: .policy) ?? ConsolePolicy()
        nextID = try container.decodeIfPresent(Int.self, forKey: .nextID) ?? 100_000
    }

    /// Hands out the next numeric id.
    public mutating func makeID() -> String {
        nextID += 1
        return String(nextID)
    }

    /// The organization with AMS id `id`.
    public func organization(id: String) -> ConsoleOrganization? {
        organizations.first { $0.id == id }
    }

    /// The credential whose client id (API key) is `clientID`.
    public func credential(clientID: String) -> ConsoleCredential? {
        credentialIndex(clientID: clientID).map { credentials[$0] }
    }

    /// The index of the first credential whose client id (API key) is `clientID`.
    public func credentialIndex(clientID: String) -> Int? {
        credentials.firstIndex(clientID: clientID)
    }

    /// The index of the credential with integration id `id` in organization `orgID`.
    public func credentialIndex(id: String, orgID: String) -> Int? {
        credentials.firstIndex(id: id) { $0.orgID == orgID }
    }

    /// The JWT metascopes a credential holds: the metascope of every service it is subscribed to.
    public func metascopes(of credential: ConsoleCredential) -> Set<String> {
        guard let org = organization(id: credential.orgID) else { return [] }
        return Set(
            credential.subscriptions.compactMap { subscription in
                org.services.first { $0.code == subscription.sdkCode }?.metascope
            })
    }

    /// The OAuth scopes a credential holds: the scopes of every service it is subscribed to.
    public func scopes(of credential: ConsoleCredential) -> Set<String> {
        guard let org = organization(id: credential.orgID) else { return [] }
        return Set(
            credential.subscriptions.flatMap { subscription in
                org.services.first { $0.code == subscription.sdkCode }?.scopes ?? []
            })
    }

    /// The OAuth scopes that come with the given JWT metascopes in the credential's organization.
    public func scopes(forMetascopes metascopes: Set<String>, orgID: String) -> [String] {
        guard let org = organization(id: orgID) else { return [] }
        var result: [String] = []
        for service in org.services where service.metascope.map(metascopes.contains) == true {
            for scope in service.scopes where !result.contains(scope) { result.append(scope) }
        }
        return result
    }
}
