/// A place in a config file: 1-based line and column (in Unicode scalars).
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    /// The file path as the user named it (relative paths stay relative).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

extension SourceLocation {
    /// A placeholder for values built in code rather than read from a file (line and column 0).
    public static let unknown = SourceLocation(file: "", line: 0, column: 0)

    /// `file:line:column`, as compilers print it.
    public var formatted: String { "\(file):\(line):\(column)" }
}
