import Foundation

/// A secret value sealed with AES-256-GCM under a state key.
///
/// `box` is nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes); a fresh nonce is drawn for every seal. The
/// additional authenticated data binds the value to its resource address and field, so a sealed value cannot be
/// moved to another field unnoticed. ``keyID`` names the key so a wrong key gives a clear error.
public struct SealedSecret: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The id of the key that sealed the value (see ``StateKey/id``).
    public let keyID: String
    /// Nonce ‖ ciphertext ‖ tag.
    public let box: Data

    /// Wraps stored sealed bytes.
    public init(keyID: String, box: Data) {
        self.keyID = keyID
        self.box = box
    }

    /// `(sensitive)`: a sealed value's type never prints its bytes.
    public var description: String { "(sensitive)" }

    private enum CodingKeys: String, CodingKey {
        case keyID = "keyId"
        case box
    }
}
