/// The metatype of the OSGi configurations the sandbox knows (aem.md §2.1, metatype from S11):
/// property types, cardinality and descriptions, as Felix's configMgr reports them.
enum AEMMetatype {
    struct Property {
        var name: String
        var type: String
        var isArray: Bool
        var description: String
        /// The service pack that introduced the property (OAuth properties: 20).
        var sinceServicePack = 0
    }

    static let providerFactory = "com.adobe.granite.auth.oauth.accesstoken.provider"
    static let customizerFactory = "com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl"

    static let titles: [String: String] = [
        providerFactory: "Adobe Granite OAuth Access Token Provider",
        customizerFactory: "Adobe Granite IMS Access Token Request Customizer",
    ]

    static let properties: [String: [Property]] = [
        providerFactory: [
            Property(name: "name", type: "String", isArray: false, description: "Name of the AccessTokenProvider"),
            Property(
                name: "auth.token.provider.title", type: "String", isArray: false,
                description: "Title used in configuration wizards"),
            Property(
                name: "auth.token.provider.default.claims", type: "String", isArray: true,
                description: "Default JWT claims"),
            Property(
                name: "auth.token.provider.endpoint", type: "String", isArray: false,
                description: "Authorization server endpoint"),
            Property(
                name: "auth.access.token.request", type: "String", isArray: false,
                description: "Format of the token request URL"),
            Property(
                name: "auth.token.provider.keypair.alias", type: "String", isArray: false,
                description: "Alias of the key pair in the user KeyStore"),
            Property(
                name: "auth.token.provider.conn.timeout", type: "Integer", isArray: false,
                description: "Connect timeout (ms)"),
            Property(
                name: "auth.token.provider.so.timeout", type: "Integer", isArray: false,
                description: "Socket timeout (ms)"),
            Property(name: "auth.token.provider.client.id", type: "String", isArray: false, description: "Client id"),
            Property(
                name: "auth.token.provider.scope", type: "String", isArray: false,
                description: "Scope request parameter"),
            Property(
                name: "auth.token.provider.reuse.access.token", type: "Boolean", isArray: false,
                description: "Reuse access tokens until they expire"),
            Property(
                name: "auth.token.provider.relaxed.ssl", type: "Boolean", isArray: false, description: "Relaxed SSL"),
            Property(
                name: "token.request.customizer.type", type: "String", isArray: false,
                description: "Token request customizer type"),
            Property(
                name: "auth.token.validator.type", type: "String", isArray: false, description: "Token validator type"),
            Property(
                name: "auth.token.provider.authorization.grants", type: "String", isArray: false,
                description: "Authorization grants", sinceServicePack: 20),
            Property(
                name: "auth.token.provider.orgId", type: "String", isArray: false, description: "IMS organization id",
                sinceServicePack: 20),
        ],
        customizerFactory: [
            Property(name: "auth.ims.client.secret", type: "String", isArray: false, description: "Client secret"),
            Property(name: "customizer.type", type: "String", isArray: false, description: "Customizer type"),
        ],
    ]

    /// The metatype property `name` of `factoryPid` (or singleton PID).
    static func property(_ name: String, of pid: String) -> Property? {
        properties[pid]?.first { $0.name == name }
    }

    /// The Felix type code of the console's JSON (1 String, 2 Long, 3 Integer, 7 Float, 11 Boolean, 12 Secret).
    static func typeCode(_ type: String, name: String) -> Int {
        if SandboxText.contains(name, "secret") || SandboxText.contains(name, "password") { return 12 }
        switch type {
        case "Long": return 2
        case "Integer": return 3
        case "Float", "Double": return 7
        case "Boolean": return 11
        default: return 1
        }
    }
}
