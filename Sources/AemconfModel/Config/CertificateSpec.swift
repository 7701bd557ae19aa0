/// `certificate` of a `jwt` I/O integration: the key pair AEM signs JWTs with and the Console verifies.
///
/// aemconf generates an RSA-2048 key and a self-signed X.509 certificate, stores them in AEM's
/// `authentication-service` keystore under `alias`, and uploads the certificate to the Console.
public struct CertificateSpec: Sendable, Hashable {
    /// The keystore alias (the click-path's "Create new certificate" alias).
    public var alias: String
    /// Validity of a generated certificate, in days (1–365; the Console accepts at most 365).
    public var validityDays: Int
    /// How many days before expiry aemconf plans a rotation.
    public var renewBeforeDays: Int

    /// The default validity.
    public static let defaultValidityDays = 365
    /// The default renewal margin.
    public static let defaultRenewBeforeDays = 30

    /// Creates a certificate spec.
    public init(
        alias: String,
        validityDays: Int = CertificateSpec.defaultValidityDays,
        renewBeforeDays: Int = CertificateSpec.defaultRenewBeforeDays
    ) {
        self.alias = alias
        self.validityDays = validityDays
        self.renewBeforeDays = renewBeforeDays
    }
}
