import Foundation

/// The AEM slice of the sandbox state: the repository, users, keystores, login tokens and the
/// instance's version.
///
/// OSGi configurations are not kept apart: like the Sling installer, the sandbox treats the
/// `.config` files under `/apps/system/config` as the configurations, so the Felix console
/// (§2.3) and direct JCR writes (§2.4) see the same thing.
public struct AEMState: Codable, Sendable {
    /// The AEM 6.5 service pack (`6.5.<servicePack>.0`); 20 in the default seed.
    public var servicePack: Int
    /// Whether the IMS OAuth hotfix for SP11–SP19 is installed.
    public var imsHotfix: Bool
    /// Users by `rep:authorizableId`.
    public var users: [String: AEMUser]
    /// Repository nodes by absolute path (`/` is the root).
    public var nodes: [String: AEMNode]
    /// Keystores by user node path.
    public var keystores: [String: AEMKeystore]
    /// Issued login tokens by token value.
    public var loginTokens: [String: AEMLoginToken]
    /// Key (base64) the CSRF tokens are signed with.
    public var csrfKey: String
    /// Counter for generated node names (`/*` posts) and configuration PIDs.
    public var nameCounter: Int

    /// Creates an empty repository (only `/`) with no users.
    public init(servicePack: Int = 20, imsHotfix: Bool = false) {
        self.servicePack = servicePack
        self.imsHotfix = imsHotfix
        self.users = [:]
        self.nodes = ["/": AEMNode(primaryType: "rep:root")]
        self.keystores = [:]
        self.loginTokens = [:]
        self.csrfKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        self.nameCounter = 0
    }
}
