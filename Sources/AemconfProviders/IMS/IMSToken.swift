import AemconfModel
import Foundation

/// An IMS access token and when it expires. Prints without the token.
public struct IMSToken: Sendable, CustomStringConvertible {
    /// The bearer token.
    public let accessToken: Secret
    /// The token type, normally `bearer`.
    public let tokenType: String
    /// When IMS said the token expires.
    public let expiresAt: Date

    /// Creates a token value.
    public init(accessToken: Secret, tokenType: String, expiresAt: Date) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresAt = expiresAt
    }

    /// Names the type and expiry only.
    public var description: String { "IMS \(tokenType) token (sensitive), expires \(expiresAt)" }
}
