/// Base URLs of the four services of a running sandbox (no trailing slash).
public struct SandboxEndpoints: Codable, Sendable, Equatable {
    /// AEM author, e.g. `http://127.0.0.1:4502`.
    public var aem: String
    /// IMS, e.g. `http://127.0.0.1:4503` (paths `/ims/...`).
    public var ims: String
    /// Developer Console API (paths `/console/...`).
    public var console: String
    /// Target Admin API (paths `/{tenant}/target/...`).
    public var target: String

    /// Creates endpoints.
    public init(aem: String, ims: String, console: String, target: String) {
        self.aem = aem
        self.ims = ims
        self.console = console
        self.target = target
    }

    /// The base URL of `service`.
    public func url(for service: SandboxService) -> String {
        switch service {
        case .aem: aem
        case .ims: ims
        case .console: console
        case .target: target
        }
    }
}
