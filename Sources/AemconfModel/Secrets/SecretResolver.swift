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

    /// A resolver over the process environment and the file system.
    public static var live: SecretResolver {
        SecretResolver(environment: ProcessInfo.processInfo.environment) { path in
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
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
