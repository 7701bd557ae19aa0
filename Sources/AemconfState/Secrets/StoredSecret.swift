/// How one secret field of a resource is kept in state: never as plaintext.
public enum StoredSecret: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Only a keyed fingerprint, for change detection (the default).
    case fingerprint(SecretFingerprint)
    /// The value sealed with AES-GCM, for values that cannot be fetched again.
    case sealed(SealedSecret)

    /// `(sensitive)`.
    public var description: String { "(sensitive)" }

    /// The sealed value, if this field is sealed.
    public var sealedValue: SealedSecret? {
        if case .sealed(let sealed) = self { return sealed }
        return nil
    }

    private enum CodingKeys: String, CodingKey {
        case fingerprint
        case sealed
    }

    /// Decodes `{"fingerprint": "…"}` or `{"sealed": {"keyId": "…", "box": "…"}}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let fingerprint = try container.decodeIfPresent(SecretFingerprint.self, forKey: .fingerprint) {
            self = .fingerprint(fingerprint)
        } else {
            self = .sealed(try container.decode(SealedSecret.self, forKey: .sealed))
        }
    }

    /// Encodes one of the two shapes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .fingerprint(let fingerprint): try container.encode(fingerprint, forKey: .fingerprint)
        case .sealed(let sealed): try container.encode(sealed, forKey: .sealed)
        }
    }
}
