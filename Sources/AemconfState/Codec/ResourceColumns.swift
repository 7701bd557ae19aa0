import AemconfModel
import Foundation

/// A resource row as column values, shared by the SQL stores: JSON text for the structured columns.
///
/// Column names in both databases: `kind`, `attributes`, `remote_ids`, `secrets`, `dependencies`,
/// `last_applied_at`, `last_verified_at`.
package struct ResourceColumns: Sendable, Hashable {
    /// The kind's raw value (`ioIntegrations`).
    package var kind: String
    /// Attributes, canonical JSON.
    package var attributes: String
    /// Remote ids, a JSON object of strings.
    package var remoteIDs: String
    /// Secrets, a JSON object of `{"fingerprint": …}` / `{"sealed": …}`.
    package var secrets: String
    /// Dependencies, a JSON array of addresses.
    package var dependencies: String
    /// Last apply.
    package var lastAppliedAt: Date?
    /// Last verification.
    package var lastVerifiedAt: Date?

    /// Creates columns from stored values.
    package init(
        kind: String,
        attributes: String,
        remoteIDs: String,
        secrets: String,
        dependencies: String,
        lastAppliedAt: Date?,
        lastVerifiedAt: Date?
    ) {
        self.kind = kind
        self.attributes = attributes
        self.remoteIDs = remoteIDs
        self.secrets = secrets
        self.dependencies = dependencies
        self.lastAppliedAt = lastAppliedAt
        self.lastVerifiedAt = lastVerifiedAt
    }

    /// Encodes a record's columns.
    package init(record: ResourceRecord) throws {
        self.kind = record.kind.rawValue
        self.attributes = record.attributes.text
        self.remoteIDs = record.remoteIDs.isEmpty ? "{}" : Self.write(record.remoteIDs)
        self.secrets = Self.encodeSecrets(record.secrets)
        self.dependencies = record.dependencies.isEmpty ? "[]" : Self.write(record.dependencies)
        self.lastAppliedAt = record.lastAppliedAt
        self.lastVerifiedAt = record.lastVerifiedAt
    }

    /// Parses a stored address text; a text that is not `<kind>.<name>` is ``StateError/Code/corruptRow``.
    package static func address(_ text: String) throws -> ResourceAddress {
        guard let address = ResourceAddress(text) else { throw StateError.corruptAddress(text) }
        return address
    }

    /// Decodes the record at the stored address text `address`; an address or kind that does not parse, or a
    /// kind that is not the address's, is ``StateError/Code/corruptRow``.
    package func record(address text: String) throws -> ResourceRecord {
        let address = try Self.address(text)
        guard ResourceKind(rawValue: kind) == address.kind else {
            throw StateError.corruptAddress(text, kind: kind)
        }
        do {
            return ResourceRecord(
                address: address,
                attributes: JSONDocument(canonicalText: attributes),
                remoteIDs: remoteIDs == "{}"
                    ? [:] : try FlatJSONParser.stringObject(remoteIDs) ?? Self.decode([String: String].self, remoteIDs),
                secrets: secrets == "{}" ? [:] : try Self.decodeSecrets(secrets),
                dependencies: dependencies == "[]"
                    ? [] : try FlatJSONParser.stringArray(dependencies) ?? Self.decode([String].self, dependencies),
                lastAppliedAt: lastAppliedAt,
                lastVerifiedAt: lastVerifiedAt
            )
        } catch {
            throw StateError(.corruptRow, "the stored row of resource '\(address)' cannot be decoded")
        }
    }

    /// Decodes a `secrets` column.
    package static func decodeSecrets(_ text: String) throws -> [String: StoredSecret] {
        try FlatJSONParser.fingerprintObject(text) ?? decode([String: StoredSecret].self, text)
    }

    /// Encodes a `secrets` column (canonical JSON, the text `JSONEncoder` with sorted keys writes).
    package static func encodeSecrets(_ secrets: [String: StoredSecret]) -> String {
        guard !secrets.isEmpty else { return "{}" }
        var writer = CanonicalJSONWriter()
        writer.writeObject(secrets) { $1.write(to: &$0) }
        return writer.text
    }

    /// Remote ids as canonical JSON (the text `JSONEncoder` with sorted keys writes).
    private static func write(_ strings: [String: String]) -> String {
        var writer = CanonicalJSONWriter()
        writer.writeObject(strings) { $0.write($1) }
        return writer.text
    }

    /// Dependencies as canonical JSON.
    private static func write(_ strings: [String]) -> String {
        var writer = CanonicalJSONWriter()
        writer.writeArray(strings) { $0.write($1) }
        return writer.text
    }

    private static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
