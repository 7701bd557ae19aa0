import Foundation

/// The dates and limits the Developer Console and IMS enforce on credentials (ims.md §5, adobe-io-console.md).
public struct ConsolePolicy: Codable, Sendable {
    /// From this instant no new Service Account (JWT) credential can be created (2024-06-03, ims.md §5).
    public var jwtCreationCutoff: Date
    /// From this instant certificates of JWT credentials can no longer be added (end of life 2025-06-30).
    public var jwtCertificateCutoff: Date
    /// From this instant JWT credentials count as converted to OAuth Server-to-Server and the JWT exchange
    /// refuses them (2026-03-01, ims.md §5).
    public var jwtConversion: Date
    /// At most this many client secrets per credential (2, ims.md §3.5).
    public var maxClientSecrets: Int
    /// Credential names must have at least this many characters (6, adobe-io-console.md §4.1).
    public var credentialNameMinLength: Int
    /// Credential names may have at most this many characters (25).
    public var credentialNameMaxLength: Int
    /// The API key of the `aio` CLI, sent with user tokens (adobe-io-console.md §1).
    public var cliAPIKey: String

    /// The documented values.
    public init(
        jwtCreationCutoff: Date = ConsolePolicy.utc(2024, 6, 3),
        jwtCertificateCutoff: Date = ConsolePolicy.utc(2025, 6, 30),
        jwtConversion: Date = ConsolePolicy.utc(2026, 3, 1),
        maxClientSecrets: Int = 2,
        credentialNameMinLength: Int = 6,
        credentialNameMaxLength: Int = 25,
        cliAPIKey: String = "aio-cli-console-auth"
    ) {
        self.jwtCreationCutoff = jwtCreationCutoff
        self.jwtCertificateCutoff = jwtCertificateCutoff
        self.jwtConversion = jwtConversion
        self.maxClientSecrets = maxClientSecrets
        self.credentialNameMinLength = credentialNameMinLength
        self.credentialNameMaxLength = credentialNameMaxLength
        self.cliAPIKey = cliAPIKey
    }

    /// Midnight UTC of a calendar day.
    public static func utc(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }
}
