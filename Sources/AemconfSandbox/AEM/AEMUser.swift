/// A user of the emulated AEM: who may authenticate and where its node (and keystore) lives.
public struct AEMUser: Codable, Sendable, Equatable {
    /// `rep:authorizableId`, the login name.
    public var id: String
    /// Password for Basic auth and `j_security_check`; `nil` for system users, which cannot log in.
    public var password: String?
    /// Repository path of the user node, e.g. `/home/users/system/authentication-service`.
    public var path: String
    /// Whether the user may use the Felix web console and write anywhere.
    public var isAdmin: Bool

    /// Creates a user.
    public init(id: String, password: String?, path: String, isAdmin: Bool) {
        self.id = id
        self.password = password
        self.path = path
        self.isAdmin = isAdmin
    }
}
