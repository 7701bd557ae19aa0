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

    /// The path as given.
    public let path: String
    /// The file's size when it was opened, in bytes.
    public let size: Int
    private let descriptor: Int32

    /// Opens `path` for reading.
    public init(path: String) throws(OpenError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OpenError(path: path, reason: Self.describe(errno))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = Self.describe(errno)
            close(descriptor)
            throw OpenError(path: path, reason: reason)
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw OpenError(path: path, reason: Self.describe(EISDIR))
        }
        self.path = path
        self.size = Int(status.st_size)
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many (0 at the end of the file), or the
    /// system's reason for failing.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Result<Int, ReadError> {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .success(0) }
        while true {
            let count = pread(descriptor, base, buffer.count, off_t(offset))
            if count >= 0 {
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

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
