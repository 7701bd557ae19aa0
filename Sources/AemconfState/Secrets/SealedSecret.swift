import Foundation

/// A secret value sealed with AES-256-GCM under a state key.
///
/// `box` is nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes); a fresh nonce is drawn for every seal. The
/// additional authenticated data binds the value to its state (lineage and workspace), resource address and field,
/// so a sealed value cannot be moved to another field or into another state unnoticed (``aadVersion`` 2). Values
/// sealed before the state was bound (``aadVersion`` 1: address and field only) still open, and are re-sealed
/// under version 2 by `aemconf state rekey`, by the next write of the field, and never accepted by `state push`.
/// ``keyID`` names the key so a wrong key gives a clear error.
public struct SealedSecret: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The id of the key that sealed the value (see ``StateKey/id``).
    public let keyID: String
    /// Nonce ‖ ciphertext ‖ tag.
    public let box: Data
    /// The authenticated-data format: 2 binds lineage, workspace, address and field; 1 (legacy, stored without
    /// `aad`) binds address and field only.
    public let aadVersion: Int

    /// The format every new seal writes.
    public static let currentAADVersion = 2

    /// Wraps stored sealed bytes.
    public init(keyID: String, box: Data, aadVersion: Int = SealedSecret.currentAADVersion) {
        self.keyID = keyID
        self.box = box
        self.aadVersion = aadVersion
    }

    /// Whether the value was sealed before states were bound into its authenticated data.
    public var isLegacy: Bool { aadVersion < Self.currentAADVersion }

    /// `(sensitive)`: a sealed value's type never prints its bytes.
    public var description: String { "(sensitive)" }

    private enum CodingKeys: String, CodingKey {
        case keyID = "keyId"
        case box
        case aadVersion = "aad"
    }

    /// Decodes `{"keyId", "box", "aad"}`; a value without `aad` is a legacy (version 1) value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        keyID = try container.decode(String.self, forKey: .keyID)
        box = try container.decode(Data.self, forKey: .box)
        aadVersion = try container.decodeIfPresent(Int.self, forKey: .aadVersion) ?? 1
    }

    /// Encodes `aad` only for version 2 and later, so legacy rows keep their shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keyID, forKey: .keyID)
        try container.encode(box, forKey: .box)
        if aadVersion > 1 { try container.encode(aadVersion, forKey: .aadVersion) }
    }
}
