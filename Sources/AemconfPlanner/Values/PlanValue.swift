import AemconfModel

/// One attribute's value in a plan: known, a secret shown only as `(sensitive)`, or known only after apply.
///
/// Plans, saved plans and state rows never hold a secret: a sensitive value is its HMAC fingerprint, which
/// tells whether the secret changed and nothing else.
public enum PlanValue: Sendable, Hashable, Codable {
    /// A value known now.
    case known(JSONValue)
    /// A secret, by fingerprint; rendered `(sensitive)`.
    case sensitive(fingerprint: String)
    /// A value the services hand out during apply (the client id of a credential not yet created).
    case unknown

    /// Whether the value is a secret.
    public var isSensitive: Bool {
        if case .sensitive = self { return true }
        return false
    }

    /// The JSON value when known.
    public var knownValue: JSONValue? {
        if case .known(let value) = self { return value }
        return nil
    }

    private enum CodingKeys: String, CodingKey { case value, sensitive, unknown }

    /// Decodes `{"value": …}`, `{"sensitive": "<fingerprint>"}` or `{"unknown": true}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let fingerprint = try container.decodeIfPresent(String.self, forKey: .sensitive) {
            self = .sensitive(fingerprint: fingerprint)
        } else if try container.decodeIfPresent(Bool.self, forKey: .unknown) == true {
            self = .unknown
        } else {
            self = .known(try container.decode(JSONValue.self, forKey: .value))
        }
    }

    /// Encodes as `{"value": …}`, `{"sensitive": "<fingerprint>"}` or `{"unknown": true}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .known(let value): try container.encode(value, forKey: .value)
        case .sensitive(let fingerprint): try container.encode(fingerprint, forKey: .sensitive)
        case .unknown: try container.encode(true, forKey: .unknown)
        }
    }
}

/// One attribute of a resource's desired state, before references to other resources are resolved.
public enum DesiredValue: Sendable, Hashable {
    /// A value from the config (defaults filled in).
    case known(JSONValue)
    /// A secret from the config, by fingerprint.
    case sensitive(fingerprint: String)
    /// An output of another resource (`clientId` of `ioIntegrations.target-prod`): known when that resource
    /// exists and is not being created or replaced, else known only after apply.
    case output(of: ResourceAddress, name: String)
}

/// The attributes of one resource, by name.
public typealias PlanAttributes = [String: PlanValue]

extension PlanValue: CanonicalJSONWritable {
    /// Writes the text `encode(to:)` gives through `JSONEncoder` with sorted keys.
    public func write(to writer: inout CanonicalJSONWriter) {
        switch self {
        case .known(let value): writer.writeSingleMember("value") { $0.write(value) }
        case .sensitive(let fingerprint): writer.writeSingleMember("sensitive") { $0.write(fingerprint) }
        case .unknown: writer.writeSingleMember("unknown") { $0.append("true") }
        }
    }
}
