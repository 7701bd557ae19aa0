/// An organization as the console lists it (adobe-io-console.md §2), with the services it can use.
public struct ConsoleOrganization: Codable, Sendable {
    /// The AMS org id, a numeric string; the `{orgId}` of every console path.
    public var id: String
    /// The IMS org id, `…@AdobeOrg`.
    public var code: String
    /// Display name.
    public var name: String
    /// Description.
    public var description: String
    /// Organization type, e.g. `entp`.
    public var type: String
    /// The services (APIs) of the organization, with their product profiles.
    public var services: [ConsoleService]

    /// Creates an organization.
    public init(
        id: String, code: String, name: String, description: String = "", type: String = "entp",
        services: [ConsoleService]
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.description = description
        self.type = type
        self.services = services
    }
}
