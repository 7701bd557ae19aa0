import Foundation

/// A `login-token` cookie issued by `j_security_check`.
public struct AEMLoginToken: Codable, Sendable, Equatable {
    /// The user it authenticates.
    public var userId: String
    /// When it stops being accepted (sandbox clock).
    public var expires: Date

    /// Creates a token record.
    public init(userId: String, expires: Date) {
        self.userId = userId
        self.expires = expires
    }
}
