import AemconfModel
import AemconfProviders

/// What the desired-state projection needs beyond the config: fingerprints, secret values, file contents
/// and facts discovered at run time.
public struct DesiredStateContext: Sendable {
    /// The keyed fingerprint of a secret (state's HMAC).
    public var fingerprint: @Sendable (Secret) -> String
    /// Resolves a secret reference of the config.
    public var resolveSecret: @Sendable (SecretReference) throws -> Secret
    /// Reads a file the config names (`customAtJs`); `nil` when unreadable.
    public var readFile: @Sendable (String) -> [UInt8]?
    /// AEM's product info, when it was read (refresh); `nil` skips the service-pack checks.
    public var aemProductInfo: AEMProductInfo?

    /// Creates a context.
    public init(
        fingerprint: @escaping @Sendable (Secret) -> String,
        resolveSecret: @escaping @Sendable (SecretReference) throws -> Secret,
        readFile: @escaping @Sendable (String) -> [UInt8]?,
        aemProductInfo: AEMProductInfo? = nil
    ) {
        self.fingerprint = fingerprint
        self.resolveSecret = resolveSecret
        self.readFile = readFile
        self.aemProductInfo = aemProductInfo
    }
}
