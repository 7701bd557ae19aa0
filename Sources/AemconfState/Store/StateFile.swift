import AemconfModel
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

    /// Creates a file.
    public init(workspace: String, lineage: String, serial: Int64, resources: [ResourceRecord]) {
        self.formatVersion = Self.currentFormatVersion
        self.workspace = workspace
        self.lineage = lineage
        self.serial = serial
        self.resources = resources.sorted { $0.address < $1.address }
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
