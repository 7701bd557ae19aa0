/// `adobe`: the IMS organization and how to reach Adobe's services.
public struct AdobeSettings: Sendable, Hashable {
    /// The IMS organization id (`0123456789ABCDEF01234567@AdobeOrg`).
    public var imsOrg: String
    /// The Developer Console connection; `nil` when the config manages no `ioIntegrations` (an IMS configuration
    /// may use an OAuth credential managed elsewhere through `clientId` + `clientSecret`).
    public var console: ConsoleSettings?
    /// Service base URLs.
    public var endpoints: AdobeEndpoints
    /// Where the `adobe` key is written.
    public var location: SourceLocation

    /// Creates settings.
    public init(
        imsOrg: String,
        console: ConsoleSettings?,
        endpoints: AdobeEndpoints = AdobeEndpoints(),
        location: SourceLocation = .unknown
    ) {
        self.imsOrg = imsOrg
        self.console = console
        self.endpoints = endpoints
        self.location = location
    }
}
