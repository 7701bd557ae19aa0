import Foundation

/// Turns ``SecretReference``s into ``Secret``s: environment variables from an injected dictionary,
/// files through an injected reader (so tests need neither a real environment nor real files).
public struct SecretResolver: Sendable {
    /// The environment variables to read `${env:…}` from.
    public var environment: [String: String]
    /// Reads a file's content; `nil` when it cannot be read.
    public var readFile: @Sendable (String) -> String?

    /// Creates a resolver.
    public init(environment: [String: String], readFile: @escaping @Sendable (String) -> String?) {
        self.environment = environment
        self.readFile = readFile
    }

    /// The largest `${file:…}` secret read (a private key or a token is a few kilobytes).
    public static let maximumFileSize = 1 << 20

    /// A resolver over the process environment and the file system. A `${file:…}` must be a regular file of at
    /// most ``maximumFileSize`` bytes; one that other users can read is used with a warning on standard error.
    public static var live: SecretResolver {
        SecretResolver(environment: ProcessInfo.processInfo.environment) { path in
            guard
                let data = readSecretFile(
                    path, warn: { FileHandle.standardError.write(Data("aemconf: warning: \($0)\n".utf8)) })
            else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The bytes of a secret file: `nil` unless it is a regular file no larger than ``maximumFileSize``; `warn`
    /// hears about a file that its group or others can read.
    static func readSecretFile(_ path: String, warn: (String) -> Void) -> Data? {
        // O_NONBLOCK: a FIFO must not block the open; it is refused below.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(handle.fileDescriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
            Int(status.st_size) <= maximumFileSize
        else { return nil }
        if status.st_mode & 0o077 != 0 {
            warn(
                "secret file '\(path)' can be read by other users (mode \(String(status.st_mode & 0o777, radix: 8))); run 'chmod 600 \(path)'"
            )
        }
        guard let data = try? handle.read(upToCount: maximumFileSize + 1), data.count <= maximumFileSize else {
            return nil
        }
        return data
    }

    /// The secret a reference names. File content loses one trailing newline (`\n` or `\r\n`).
    public func resolve(_ reference: SecretReference) throws(SecretResolutionError) -> Secret {
        switch reference.source {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw SecretResolutionError(code: .environmentVariableUnset, reference: reference)
            }
            return Secret(value)
        case .file(let path):
            guard var content = readFile(path) else {
                throw SecretResolutionError(code: .fileUnreadable, reference: reference)
            }
            if content.hasSuffix("\n") || content.hasSuffix("\r\n") {
                content.removeLast()  // "\r\n" is one Character
            }
            guard !content.isEmpty else {
                throw SecretResolutionError(code: .fileEmpty, reference: reference)
            }
            return Secret(content)
        }
    }
}
