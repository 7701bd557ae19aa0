import AemconfModel
import AemconfState
import Foundation

/// How `state show` and `state list` present a row: secrets only as their kind, never a value or ciphertext.
struct StateResourceView: Encodable {
    /// How a secret field is kept.
    struct SecretView: Encodable {
        var storage: String
        var keyID: String?
        var value = "(sensitive)"

        enum CodingKeys: String, CodingKey {
            case storage
            case keyID = "keyId"
            case value
        }
    }

    var address: String
    var kind: String
    var attributes: JSONValue
    var remoteIDs: [String: String]
    var secrets: [String: SecretView]
    var dependencies: [String]
    var lastAppliedAt: Date?
    var lastVerifiedAt: Date?
    var serial: Int64?

    enum CodingKeys: String, CodingKey {
        case address, kind, attributes, secrets, dependencies, lastAppliedAt, lastVerifiedAt, serial
        case remoteIDs = "remoteIds"
    }

    init(_ record: ResourceRecord, serial: Int64? = nil) throws {
        address = record.address.description
        kind = record.kind.rawValue
        attributes = try record.attributes.value()
        remoteIDs = record.remoteIDs
        secrets = record.secrets.mapValues { stored in
            switch stored {
            case .fingerprint: SecretView(storage: "fingerprint", keyID: nil)
            case .sealed(let sealed): SecretView(storage: "sealed", keyID: sealed.keyID)
            }
        }
        dependencies = record.dependencies
        lastAppliedAt = record.lastAppliedAt
        lastVerifiedAt = record.lastVerifiedAt
        self.serial = serial
    }

    /// The human rendering.
    func rendered() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let attributesText = String(decoding: try encoder.encode(attributes), as: UTF8.self)
        var lines = ["# \(address)" + (serial.map { " (as of serial \($0))" } ?? ""), "kind: \(kind)"]
        lines.append("attributes: " + attributesText.replacingOccurrences(of: "\n", with: "\n  "))
        for (name, id) in remoteIDs.sorted(by: { $0.key < $1.key }) {
            lines.append("remote id \(name): \(id)")
        }
        for (name, secret) in secrets.sorted(by: { $0.key < $1.key }) {
            lines.append("secret \(name): (sensitive) [\(secret.storage)\(secret.keyID.map { ", key \($0)" } ?? "")]")
        }
        if !dependencies.isEmpty { lines.append("depends on: \(dependencies.joined(separator: ", "))") }
        lines.append("last applied: \(StateCommandRunner.format(lastAppliedAt))")
        lines.append("last verified: \(StateCommandRunner.format(lastVerifiedAt))")
        return lines.joined(separator: "\n")
    }
}
