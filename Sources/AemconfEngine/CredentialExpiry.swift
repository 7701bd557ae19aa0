import AemconfModel
import AemconfPlanner
import AemconfResources
import Foundation

/// A JWT integration's certificate as state records it, and how close it is to expiry.
public struct CredentialExpiry: Sendable, Hashable {
    /// The integration.
    public var address: ResourceAddress
    /// The certificate's `notAfter` (the `certificateNotAfter` output).
    public var notAfter: Date
    /// The renewal margin: the config's `renewBeforeDays`, else the one last applied, else the default.
    public var renewBeforeDays: Int
    /// Seconds from the run's clock to `notAfter` (negative once expired).
    public var secondsLeft: Double
    /// What expires: a JWT `certificate`, or an OAuth `client secret` whose `rotateSecretEveryDays` runs out at
    /// `notAfter` (secrets never expire at the console; the policy is their end of life, with no margin).
    public var credential: String

    /// A JWT certificate.
    public static let certificate = "certificate"
    /// An OAuth Server-to-Server client secret under `rotateSecretEveryDays`.
    public static let clientSecret = "client secret"

    /// Creates an entry.
    public init(
        address: ResourceAddress,
        notAfter: Date,
        renewBeforeDays: Int,
        secondsLeft: Double,
        credential: String = CredentialExpiry.certificate
    ) {
        self.address = address
        self.notAfter = notAfter
        self.renewBeforeDays = renewBeforeDays
        self.secondsLeft = secondsLeft
        self.credential = credential
    }

    /// Whether the certificate expires within `renewBeforeDays` (or already has).
    public var isExpiring: Bool { secondsLeft < Double(renewBeforeDays) * 86_400 }

    /// Every certificate state records, and every client secret under a rotation policy, soonest first. `now`
    /// is the run's clock.
    public static func scan(_ stored: [ResourceAddress: StoredResource], config: Config, now: Date)
        -> [CredentialExpiry]
    {
        let index = ConfigIndex(config)
        var result: [CredentialExpiry] = []
        for (address, resource) in stored where address.kind == .ioIntegration {
            if let days = index.ioIntegrations[address.name]?.rotateSecretEveryDays,
                case .string(let text)? = resource.prior.outputs[AttributeName.clientSecretCreatedAt]?.knownValue,
                let created = ISO8601Timestamp.date(from: text)
            {
                let due = created.addingTimeInterval(Double(days) * 86_400)
                result.append(
                    CredentialExpiry(
                        address: address, notAfter: due, renewBeforeDays: 0, secondsLeft: due.timeIntervalSince(now),
                        credential: clientSecret
                    )
                )
            }
            guard case .string(let text)? = resource.outputs[AttributeName.certificateNotAfter]?.knownValue,
                let notAfter = ISO8601Timestamp.date(from: text)
            else { continue }
            var renew = CertificateSpec.defaultRenewBeforeDays
            if let spec = index.ioIntegrations[address.name]?.certificate {
                renew = spec.renewBeforeDays
            } else if case .object(let certificate)? = resource.attributes[AttributeName.certificate]?.knownValue,
                case .number(let days)? = certificate["renewBeforeDays"]
            {
                renew = Int(days)
            }
            result.append(
                CredentialExpiry(
                    address: address, notAfter: notAfter, renewBeforeDays: renew,
                    secondsLeft: notAfter.timeIntervalSince(now))
            )
        }
        return result.sorted { ($0.secondsLeft, $0.address) < ($1.secondsLeft, $1.address) }
    }
}
