/// `aem`: how to reach the AEM 6.5 author instance.
public struct AemConnection: Sendable, Hashable {
    /// Base URL of the author instance (`https://author.example.com:4502`), without a trailing slash.
    public var url: String
    /// The AEM user (an administrator: the IMS and cloud-service configurations need it).
    public var username: String
    /// The user's password.
    public var password: SecretReference
    /// Where the `aem` key is written.
    public var location: SourceLocation

    /// Creates a connection.
    public init(url: String, username: String, password: SecretReference, location: SourceLocation = .unknown) {
        self.url = url
        self.username = username
        self.password = password
        self.location = location
    }
}
