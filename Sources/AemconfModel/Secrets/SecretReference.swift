/// Where a secret comes from: `${env:NAME}` or `${file:PATH}`. Config files hold only these, never values.
public struct SecretReference: Sendable, Hashable, CustomStringConvertible {
    /// The two supported sources.
    public enum Source: Sendable, Hashable {
        /// An environment variable.
        case environment(String)
        /// A file whose content (without a trailing newline) is the secret. The path is resolved
        /// against the directory of the config file that holds the reference.
        case file(String)
    }

    /// Where the secret comes from.
    public var source: Source
    /// Where the reference is written.
    public var location: SourceLocation

    /// Creates a reference.
    public init(source: Source, location: SourceLocation) {
        self.source = source
        self.location = location
    }

    /// The reference as written in config (`${env:AEM_PASSWORD}`); safe to print.
    public var description: String {
        switch source {
        case .environment(let name): "${env:\(name)}"
        case .file(let path): "${file:\(path)}"
        }
    }

    /// The outcome of reading a secret field's text.
    enum ParseResult: Sendable, Hashable {
        /// A well-formed reference.
        case reference(Source)
        /// Text that starts like a reference (`${`) but is not one of the supported forms.
        case malformedReference
        /// Anything else: a literal secret.
        case literal
    }

    /// Reads `${env:NAME}` / `${file:PATH}`; `baseDirectory` (may be empty) prefixes relative file paths.
    static func parse(_ text: String, baseDirectory: String) -> ParseResult {
        let scalars = text.unicodeScalars
        guard scalars.count >= 3, text.hasPrefix("${") else { return .literal }
        guard text.hasSuffix("}") else { return .malformedReference }
        let inner = text.dropFirst(2).dropLast()
        if inner.hasPrefix("env:") {
            let name = inner.dropFirst(4)
            return isEnvironmentName(name) ? .reference(.environment(String(name))) : .malformedReference
        }
        if inner.hasPrefix("file:") {
            let path = inner.dropFirst(5)
            guard !path.isEmpty, !path.contains("}") else { return .malformedReference }
            if path.hasPrefix("/") || baseDirectory.isEmpty {
                return .reference(.file(String(path)))
            }
            return .reference(.file(baseDirectory + "/" + path))
        }
        return .malformedReference
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`.
    static func isEnvironmentName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        guard first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
        }
    }
}
