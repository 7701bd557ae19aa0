#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A YAML file opened for parsing. The parser reads a large file a block at a time, so its bytes are
/// never all in memory at once; a small one is read whole.
public final class YAMLFile: @unchecked Sendable {
    /// Why a file could not be opened.
    public struct OpenError: Error, Sendable, CustomStringConvertible {
        /// The path as given.
        public var path: String
        /// The system's reason ("No such file or directory").
        public var reason: String

        public var description: String { "cannot open '\(path)': \(reason)" }
    }

    /// The largest file read by default, in bytes (64 MiB: a config a hundred times larger than any real one).
    public static let defaultMaximumSize = 64 << 20

    /// The path as given.
    public let path: String
    /// The file's size when it was opened, in bytes.
    public let size: Int
    /// Reading past this many bytes fails (a file that grows, or reports no size as `/proc` files do).
    public let maximumSize: Int
    private let descriptor: Int32

    /// Opens `path` for reading. It must be a regular file (not a FIFO, device, socket or directory) no larger
    /// than `maximumSize`; with `followSymlinks` off a symbolic link is refused too (`O_NOFOLLOW`), which is
    /// how files found in a directory are opened.
    public init(path: String, followSymlinks: Bool = true, maximumSize: Int = YAMLFile.defaultMaximumSize)
        throws(OpenError)
    {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
        var flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK
        if !followSymlinks { flags |= O_NOFOLLOW }
        let descriptor = open(path, flags)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP, !followSymlinks {
                throw OpenError(
                    path: path, reason: "it is a symbolic link; config files in a directory must be regular files")
            }
            throw OpenError(path: path, reason: Self.describe(code))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = Self.describe(errno)
            close(descriptor)
            throw OpenError(path: path, reason: reason)
        }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR {
            close(descriptor)
            throw OpenError(path: path, reason: Self.describe(EISDIR))
        }
        guard type == S_IFREG else {
            close(descriptor)
            throw OpenError(path: path, reason: "it is \(Self.describe(fileType: type)), not a regular file")
        }
        guard Int(status.st_size) <= maximumSize else {
            close(descriptor)
            throw OpenError(path: path, reason: "it is larger than \(maximumSize) bytes")
        }
        self.path = path
        self.size = Int(status.st_size)
        self.maximumSize = maximumSize
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many (0 at the end of the file), or the
    /// system's reason for failing.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Result<Int, ReadError> {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .success(0) }
        // One byte past the limit is asked for, so that a file of exactly `maximumSize` bytes still ends.
        let wanted = min(buffer.count, maximumSize + 1 - offset)
        guard wanted > 0 else { return .failure(ReadError(reason: "the file is larger than \(maximumSize) bytes")) }
        while true {
            let count = pread(descriptor, base, wanted, off_t(offset))
            if count >= 0 {
                if offset + count > maximumSize {
                    return .failure(ReadError(reason: "the file is larger than \(maximumSize) bytes"))
                }
                return .success(count)
            }
            if errno != EINTR {
                return .failure(ReadError(reason: Self.describe(errno)))
            }
        }
    }

    /// The whole file's bytes, read again from the start (for small files and for placing errors).
    func readAll() -> Result<[UInt8], ReadError> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(4_096, min(size + 1, 1 << 20)))
        while true {
            let result = chunk.withUnsafeMutableBytes { read(into: $0, at: bytes.count) }
            switch result {
            case .success(0):
                return .success(bytes)
            case .success(let count):
                bytes.append(contentsOf: chunk[..<count])
            case .failure(let error):
                return .failure(error)
            }
        }
    }

    /// A read that failed, with the system's reason.
    struct ReadError: Error {
        var reason: String
    }

    private static func describe(fileType type: mode_t) -> String {
        switch type {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "a special file"
        }
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
