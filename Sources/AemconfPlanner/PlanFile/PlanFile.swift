import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A saved plan (`aemconf plan --out FILE`): indented, sorted-key JSON of the ``Plan`` value, mode 0600.
///
/// The file holds no secret: a sensitive attribute is kept as its fingerprint (an HMAC under the state key),
/// because apply needs it to tell whether a secret changed. `createdAt` is kept to the second. This format is
/// not the `--json` document (``PlanJSON``), which leaves fingerprints out.
public enum PlanFile {
    /// The saved plan's bytes: indented JSON with sorted keys and a final newline.
    public static func encoded(_ plan: Plan) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(plan) + Data("\n".utf8)
    }

    /// Writes `plan` to `path` atomically with mode 0600: readers see the old file or the whole new one.
    ///
    /// The bytes go to a temporary file created 0600 in the same directory (so the content is never readable
    /// by others, whatever the umask), are flushed to disk, and the temporary file is renamed over `path`.
    public static func write(_ plan: Plan, to path: String) throws {
        let data = try encoded(plan)
        let (directory, name) = split(path)
        let temporary = directory + "/." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw PlanFileError.unwritable(path) }
        var written = false
        defer { if !written { unlink(temporary) } }
        let complete = data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return buffer.isEmpty }
            var offset = 0
            while offset < buffer.count {
                let result = systemWrite(descriptor, base + offset, buffer.count - offset)
                if result < 0, errno == EINTR { continue }
                guard result > 0 else { return false }
                offset += result
            }
            return true
        }
        let synced = complete && fchmod(descriptor, 0o600) == 0 && fsync(descriptor) == 0
        guard close(descriptor) == 0, synced else { throw PlanFileError.unwritable(path) }
        guard rename(temporary, path) == 0 else { throw PlanFileError.unwritable(path) }
        written = true
        syncDirectory(directory)
    }

    /// Reads a saved plan; refuses a file that is not one and another format version.
    public static func read(from path: String) throws -> Plan {
        guard let data = FileManager.default.contents(atPath: path) else { throw PlanFileError.unreadable(path) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let header = try? decoder.decode(Header.self, from: data), let version = header.formatVersion,
            header.summary == nil
        else {
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
    ///
    /// A plan made before the state existed (lineage `""`, serial 0) applies to a state still at serial 0,
    /// whatever lineage it was given when it was created; once that state has been written, such a plan is stale.
    public static func check(
        _ plan: Plan,
        toolVersion: String,
        lineage: String,
        serial: Int64,
        configDigest: String
    ) throws {
        guard plan.toolVersion == toolVersion else {
            throw PlanFileError.toolVersion(found: plan.toolVersion, expected: toolVersion)
        }
        let madeBeforeTheState = plan.lineage.isEmpty && plan.serial == 0
        if madeBeforeTheState {
            guard serial == 0 else { throw PlanFileError.stale(planSerial: plan.serial, stateSerial: serial) }
        } else {
            guard plan.lineage == lineage else {
                throw PlanFileError.otherState(planLineage: plan.lineage, stateLineage: lineage)
            }
            guard plan.serial == serial else { throw PlanFileError.stale(planSerial: plan.serial, stateSerial: serial) }
        }
        guard plan.configDigest == configDigest else { throw PlanFileError.configChanged }
    }

    /// The keys `read` looks at before decoding the whole plan.
    private struct Header: Decodable {
        var formatVersion: Int?
        /// Present in the `--json` document, never in a saved plan.
        var summary: PlanSummary?
    }

    /// The directory (`.` when none) and the file name of `path`.
    private static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// Flushes the directory entry of a rename, best effort (not every file system supports it).
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }
}

/// `write(2)`, out of the way of ``PlanFile/write(_:to:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
        Musl.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
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
        case .unwritable(let path):
            "cannot write the plan file '\(path)'; check that its directory exists and is writable"
        case .unreadable(let path):
            "cannot read the plan file '\(path)'"
        case .notAPlan(let path):
            "'\(path)' is not a saved aemconf plan; save one with 'aemconf plan --out FILE' "
                + "('--json' output cannot be applied)"
        case .formatVersion(let path, let found, let expected):
            "the plan file '\(path)' has format version \(found); this aemconf reads version \(expected); "
                + "run 'aemconf plan' again"
        case .toolVersion(let found, let expected):
            "the plan was made by aemconf \(found), not \(expected); run 'aemconf plan' again with this version"
        case .otherState(let planLineage, let stateLineage):
            "the plan was made for a different state (lineage '\(planLineage)'; this state is "
                + (stateLineage.isEmpty ? "new" : "'\(stateLineage)'") + "); check the workspace and state options"
        case .stale(let planSerial, let stateSerial):
            "the plan is stale: it was made at state serial \(planSerial) and the state is now at serial "
                + "\(stateSerial); run 'aemconf plan' again"
        case .configChanged:
            "the config changed since the plan was made; run 'aemconf plan' again"
        }
    }
}
