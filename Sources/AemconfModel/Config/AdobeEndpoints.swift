/// `adobe.endpoints`: base URLs of Adobe's services; production hosts unless overridden (the sandbox
/// overrides all three).
public struct AdobeEndpoints: Sendable, Hashable {
    /// Adobe IMS (token exchange).
    public var ims: String
    /// The Developer Console API.
    public var console: String
    /// The Target Admin API.
    public var target: String

    /// Adobe IMS production.
    public static let defaultIMS = "https://ims-na1.adobelogin.com"
    /// The Developer Console API production host.
    public static let defaultConsole = "https://developers.adobe.io"
    /// The Target Admin API host.
    public static let defaultTarget = "https://mc.adobe.io"

    /// Creates endpoints; omitted ones are Adobe's production hosts.
    public init(
        ims: String = AdobeEndpoints.defaultIMS,
        console: String = AdobeEndpoints.defaultConsole,
        target: String = AdobeEndpoints.defaultTarget
    ) {
        self.ims = ims
        self.console = console
        self.target = target
    }
}
