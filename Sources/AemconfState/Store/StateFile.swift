import AemconfModel
import Crypto
import Foundation

/// The portable form of one named state: what `state pull` prints and `state push` reads.
///
/// It holds no secret value: fingerprints and sealed values only, and not the fingerprint key.
public struct StateFile: Sendable, Hashable, Codable {
    /// The format this build writes and reads.
    public static let currentFormatVersion = 1

    /// The format version.
    public var formatVersion: Int
    /// The named state it was pulled from.
    public var workspace: String
    /// The lineage.
    public var lineage: String
    /// The serial when pulled.
    public var serial: Int64
    /// The rows, sorted by address.
    public var resources: [ResourceRecord]
    /// HMAC-SHA256 of the file without this field, under a key derived from the state key (see
    /// ``authenticated(with:)``): `state push` with the key refuses a file whose MAC is missing or wrong.
    public var mac: String?

    /// Creates a file.
    public init(workspace: String, lineage: String, serial: Int64, resources: [ResourceRecord]) {
        self.formatVersion = Self.currentFormatVersion
        self.workspace = workspace
        self.lineage = lineage
        self.serial = serial
        self.resources = resources.sorted { $0.address < $1.address }
        self.mac = nil
    }

    /// The file of a snapshot.
    public init(snapshot: StateSnapshot) {
        self.init(
            workspace: snapshot.workspace,
            lineage: snapshot.lineage,
            serial: snapshot.serial,
            resources: snapshot.sortedResources
        )
    }

    /// Pretty, sorted-key JSON.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// The file with its ``mac`` set under `key`.
    public func authenticated(with key: StateKey) throws -> StateFile {
        var file = self
        file.mac = try computeMAC(key)
        return file
    }

    /// Checks a file before `state push` into the named state `workspace`, beyond ``changes(against:)``:
    ///
    /// - with `key`: the file must carry a MAC made with that key (a file edited by hand must be pulled again, or
    ///   pushed by someone holding the key — which is the point), and every sealed value must open in the state
    ///   it is pushed into (lineage and workspace are bound into its authenticated data: a value sealed in
    ///   `stage` is refused in `prod`);
    /// - without `key`: a file with a MAC or with sealed values cannot be checked and is refused.
    public func verify(key: StateKey?, workspace: String) throws {
        guard let key else {
            if mac != nil {
                throw StateError(
                    .stateFileRejected,
                    "state file carries a MAC but no state key is given to verify it; pass the state key "
                        + "(\(StateKey.environmentVariable) or '--state-key-file')"
                )
            }
            if resources.contains(where: { $0.secrets.values.contains { $0.sealedValue != nil } }) {
                throw StateError(
                    .stateFileRejected,
                    "state file holds sealed values but no state key is given to check them; pass the state key "
                        + "(\(StateKey.environmentVariable) or '--state-key-file')"
                )
            }
            return
        }
        guard let mac else {
            throw StateError(
                .stateFileRejected,
                "state file carries no MAC; pull it with the state key ('aemconf state pull') before pushing it"
            )
        }
        let expected = try computeMAC(key)
        guard Data(mac.utf8).count == Data(expected.utf8).count,
            zip(Data(mac.utf8), Data(expected.utf8)).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0
        else {
            throw StateError(
                .stateFileRejected,
                "state file MAC does not verify under state key '\(key.id)': it was changed after 'state pull', "
                    + "or pulled with another key"
            )
        }
        let sealer = SecretSealer(key: key)
        let scope = SealScope(lineage: lineage, workspace: workspace)
        for record in resources {
            for (field, stored) in record.secrets.sorted(by: { $0.key < $1.key }) {
                guard let sealed = stored.sealedValue else { continue }
                do {
                    _ = try sealer.open(sealed, address: record.address.description, field: field, scope: scope)
                } catch let error as StateError {
                    throw StateError(
                        .stateFileRejected,
                        "state file row '\(record.address)' field '\(field)' does not open in state '\(workspace)': "
                            + error.message
                    )
                }
            }
        }
    }

    /// Secret-looking attribute names: a pushed row holding a string under one of them is refused (attributes
    /// never hold secret values; secrets are fingerprinted or sealed).
    static let secretAttributeNames: Set<String> = [
        "password", "clientsecret", "privatekey", "keystorepassword", "accesstoken", "token", "secret", "passphrase",
        "refreshtoken", "apikeysecret",
    ]

    /// Structural checks of the rows: no address twice, no legacy sealed value (sealed before states were bound
    /// into the authenticated data), no string under a secret-looking attribute name.
    func validateRows() throws {
        var seen = Set<ResourceAddress>()
        for record in resources {
            guard seen.insert(record.address).inserted else {
                throw StateError(.stateFileRejected, "state file has row '\(record.address)' twice")
            }
            for (field, stored) in record.secrets.sorted(by: { $0.key < $1.key }) {
                if let sealed = stored.sealedValue, sealed.isLegacy {
                    throw StateError(
                        .stateFileRejected,
                        "state file row '\(record.address)' field '\(field)' is sealed in the legacy format (not "
                            + "bound to its state); run 'aemconf state rekey' on the source state and pull again"
                    )
                }
            }
            if let value = try? record.attributes.value(),
                let path = Self.secretAttribute(in: value, path: "")
            {
                throw StateError(
                    .stateFileRejected,
                    "state file row '\(record.address)' holds a value at attribute '\(path)'; attributes never hold "
                        + "secrets (they are fingerprinted or sealed)"
                )
            }
        }
    }

    private static func secretAttribute(in value: JSONValue, path: String) -> String? {
        switch value {
        case .object(let members):
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                let memberPath = path.isEmpty ? key : path + "." + key
                if secretAttributeNames.contains(key.lowercased()) {
                    if case .string(let text) = member, !text.isEmpty { return memberPath }
                    if case .object(let inner) = member, case .string(let text)? = inner["value"], !text.isEmpty {
                        return memberPath
                    }
                }
                // A sensitive plan value holds a fingerprint, never anything else.
                if key == "sensitive", case .string(let text) = member, !Self.isFingerprint(text) {
                    return memberPath
                }
                if let found = secretAttribute(in: member, path: memberPath) { return found }
            }
            return nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = secretAttribute(in: item, path: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return nil
        }
    }

    private static func isFingerprint(_ text: String) -> Bool {
        let prefix = "hmac-sha256:"
        guard text.hasPrefix(prefix) else { return false }
        let hex = text.dropFirst(prefix.count)
        return hex.count == 64 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    private func computeMAC(_ key: StateKey) throws -> String {
        var unsigned = self
        unsigned.mac = nil
        let macKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key.symmetricKey,
            salt: Data("aemconf-state-file-mac".utf8),
            info: Data("v1\u{0}\(lineage)".utf8),
            outputByteCount: 32
        )
        let code = HMAC<SHA256>.authenticationCode(for: try unsigned.encoded(), using: macKey)
        return "hmac-sha256:" + Hex.encode(Data(code))
    }

    /// Decodes a file, refusing other format versions.
    public static func decode(_ data: Data) throws -> StateFile {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        struct Header: Decodable { var formatVersion: Int }
        guard let header = try? decoder.decode(Header.self, from: data) else {
            throw StateError(.unsupportedFormat, "not an aemconf state file (expected JSON from 'aemconf state pull')")
        }
        guard header.formatVersion == currentFormatVersion else {
            throw StateError(
                .unsupportedFormat,
                "state file format \(header.formatVersion) is not supported; this aemconf reads format "
                    + "\(currentFormatVersion)"
            )
        }
        do {
            return try decoder.decode(StateFile.self, from: data)
        } catch {
            throw StateError(.unsupportedFormat, "state file is malformed: \(Self.describe(error))")
        }
    }

    /// The row changes that turn `current` into this file, after checking lineage and serial.
    ///
    /// The file must share the state's lineage (or the state must be new and empty, in which case it adopts the
    /// file's lineage) and must not be behind the state's serial.
    public func changes(against current: StateSnapshot) throws -> [ResourceChange] {
        if lineage.isEmpty {
            throw StateError(
                .unsupportedFormat,
                "state file has no lineage: it was pulled from a state that does not exist yet; pull a state that has "
                    + "been written"
            )
        }
        try validateRows()
        let adoptsLineage = current.serial == 0 && current.resources.isEmpty
        if lineage != current.lineage && !adoptsLineage {
            throw StateError(
                .lineageMismatch,
                "state file has lineage '\(lineage)' but state '\(current.workspace)' has lineage "
                    + "'\(current.lineage)'; it belongs to another state"
            )
        }
        if serial < current.serial {
            throw StateError(
                .staleSerial,
                "state file is at serial \(serial) but state '\(current.workspace)' is at serial "
                    + "\(current.serial); pull again and redo the edit"
            )
        }
        var changes: [ResourceChange] = []
        var seen = Set<ResourceAddress>()
        for record in resources {
            seen.insert(record.address)
            if current.resources[record.address] != record {
                changes.append(.put(record))
            }
        }
        for address in current.resources.keys.sorted() where !seen.contains(address) {
            changes.append(.remove(address: address))
        }
        return changes
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "invalid JSON" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at '\(path(context.codingPath))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "unexpected value at '\(path(context.codingPath))'"
        @unknown default:
            return "invalid JSON"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
