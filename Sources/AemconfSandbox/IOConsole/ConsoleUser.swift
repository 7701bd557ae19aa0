/// A person who uses the console with a user token (`aio login`), and their role per organization.
public struct ConsoleUser: Codable, Sendable {
    /// IMS user id, e.g. `…@AdobeID`; the `user_id` of their tokens.
    public var id: String
    /// E-mail address.
    public var email: String
    /// Role per organization AMS id: `ADMIN` or `DEVELOPER`.
    public var roles: [String: String]
    /// The user token a seed issued for this user, printed by `aemconf sandbox` (sandbox-only field).
    public var seededToken: String?

    /// Creates a user.
    public init(id: String, email: String, roles: [String: String], seededToken: String? = nil) {
        self.id = id
        self.email = email
        self.roles = roles
        self.seededToken = seededToken
    }
}
