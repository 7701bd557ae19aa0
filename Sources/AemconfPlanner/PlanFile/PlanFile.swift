import Foundation

/// A saved plan (`aemconf plan --out FILE`): sorted-key JSON of the ``Plan`` value, mode 0600, no secret.
public enum PlanFile {
    /// Writes `plan` to `path` atomically with mode 0600.
    public static func write(_ plan: Plan, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(plan)
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw PlanFileError.unwritable(path)
        }
        if rename(temporary, path) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw PlanFileError.unwritable(path)
        }
    }

    /// Reads a saved plan; refuses another format version.
    public static func read(from path: String) throws -> Plan {
        guard let data = FileManager.default.contents(atPath: path) else { throw PlanFileError.unreadable(path) }
        struct Header: Decodable { var formatVersion: Int?; var toolVersion: String? }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let header = try? decoder.decode(Header.self, from: data), let version = header.formatVersion else {
            throw PlanFileError.notAPlan(path)
        }
        guard version == Plan.currentFormatVersion else {
            throw PlanFileError.formatVersion(path, found: version, expected: Plan.currentFormatVersion)
        }
        do {
            return try decoder.decode(Plan.self, from: data)
        } catch {
            throw PlanFileError.notAPlan(path)
        }
    }

    /// Refuses a saved plan made by another aemconf, for another state, at another serial, or for another config.
    public static func check(_ plan: Plan, toolVersion: String, lineage: String, serial: Int64, configDigest: String) throws {
        guard plan.toolVersion == toolVersion else { throw PlanFileError.toolVersion(found: plan.toolVersion, expected: toolVersion) }
        let freshState = plan.lineage.isEmpty && plan.serial == 0 && serial == 0
        guard freshState || plan.lineage == lineage else { throw PlanFileError.otherState(planLineage: plan.lineage, stateLineage: lineage) }
        guard plan.serial == serial else { throw PlanFileError.stale(planSerial: plan.serial, stateSerial: serial) }
        guard plan.configDigest == configDigest else { throw PlanFileError.configChanged }
    }
}

/// Why a saved plan cannot be read or applied.
public enum PlanFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be written.
    case unwritable(String)
    /// The file cannot be read.
    case unreadable(String)
    /// The file is not a saved plan.
    case notAPlan(String)
    /// Another format version.
    case formatVersion(String, found: Int, expected: Int)
    /// Made by another aemconf version.
    case toolVersion(found: String, expected: String)
    /// Made for another state (lineage).
    case otherState(planLineage: String, stateLineage: String)
    /// The state changed since the plan was made.
    case stale(planSerial: Int64, stateSerial: Int64)
    /// The config changed since the plan was made.
    case configChanged

    /// A lower-case message with what to do.
    public var description: String {
        switch self {
        case .unwritable(let path): "cannot write the plan file '\(path)'"
        case .unreadable(let path): "cannot read the plan file '\(path)'"
        case .notAPlan(let path): "'\(path)' is not an aemconf plan file"
        case .formatVersion(let path, let found, let expected):
            "plan file '\(path)' has format version \(found); this aemconf reads version \(expected); run 'aemconf plan' again"
        case .toolVersion(let found, let expected):
            "the plan was made by aemconf \(found), not \(expected); run 'aemconf plan' again with this version"
        case .otherState(let planLineage, let stateLineage):
            "the plan was made for a different state (lineage \(planLineage), this state is \(stateLineage.isEmpty ? "new" : stateLineage))"
        case .stale(let planSerial, let stateSerial):
            "the plan is stale: it was made at state serial \(planSerial) and the state is now at \(stateSerial); run 'aemconf plan' again"
        case .configChanged:
            "the config changed since the plan was made; run 'aemconf plan' again"
        }
    }
}
