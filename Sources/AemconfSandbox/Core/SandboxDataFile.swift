import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `--data FILE` format and its atomic reads and writes.
///
/// A write goes to a temporary file in the same directory, is flushed with `fsync`, then renamed
/// over the target (and the directory is synced), so a sandbox killed at any moment leaves either
/// the old or the new file, never a torn one.
public enum SandboxDataFile {
    /// The format version written in every data file.
    public static let formatVersion = 1

    private struct Contents: Codable {
        var format: Int
        var savedAt: Date
        var state: SandboxState
    }

    /// Reads the state saved at `path`, or `nil` when there is no file.
    public static func load(from path: String) throws -> SandboxState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SandboxConfigurationError.badDataFile(path, reason: "it cannot be read")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let contents: Contents
        do {
            contents = try decoder.decode(Contents.self, from: data)
        } catch {
            throw SandboxConfigurationError.badDataFile(path, reason: "it is not a sandbox data file (\(error))")
        }
        guard contents.format == formatVersion else {
            throw SandboxConfigurationError.badDataFile(
                path,
                reason: "format '\(contents.format)' is not supported; expected '\(formatVersion)'"
            )
        }
        return contents.state
    }

    /// Writes `state` to `path` atomically (temporary file, `fsync`, `rename`, directory `fsync`).
    public static func write(_ state: SandboxState, to path: String, savedAt: Date = Date()) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do {
            data = try encoder.encode(Contents(format: formatVersion, savedAt: savedAt, state: state))
        } catch {
            throw SandboxConfigurationError.badDataFile(path, reason: "the state cannot be encoded (\(error))")
        }
        try writeAtomically(data, to: path)
    }

    /// Writes `data` to `path` atomically.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        // The temporary file is created new (O_EXCL) and never through a symlink (O_NOFOLLOW): a file or symlink
        // planted at the name (in a shared directory) is not written through; another name is tried instead.
        var temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        var descriptor: Int32 = -1
        for attempt in 0..<8 {
            if attempt > 0 {
                temporary =
                    directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
            }
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 || (errno != EEXIST && errno != ELOOP) { break }
        }
        guard descriptor >= 0 else {
            throw SandboxConfigurationError.badDataFile(path, reason: "cannot create '\(temporary)' (errno \(errno))")
        }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = posixWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        guard failure == 0 else {
            unlink(temporary)
            throw SandboxConfigurationError.badDataFile(path, reason: "cannot write '\(temporary)' (errno \(failure))")
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw SandboxConfigurationError.badDataFile(path, reason: "cannot rename into place (errno \(code))")
        }
        let directoryDescriptor = open(directory, O_RDONLY)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}

private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
