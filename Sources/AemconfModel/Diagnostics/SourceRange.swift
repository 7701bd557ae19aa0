/// A span of config text: from `start` (inclusive) to `end` (exclusive), same conventions as ``SourceLocation``.
public struct SourceRange: Sendable, Hashable, Codable {
    /// Where the span starts.
    public var start: SourceLocation
    /// Where the span ends (exclusive).
    public var end: SourceLocation

    /// Creates a range.
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }
}
