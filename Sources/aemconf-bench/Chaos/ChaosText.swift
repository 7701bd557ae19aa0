/// Short excerpts of a child's output for the table's notes.
enum ChaosText {
    /// The error lines of standard error (never the debug log), at most `limit` characters.
    static func errors(_ standardError: String, limit: Int = 400) -> String {
        let lines = standardError.split(separator: "\n").filter {
            !$0.contains(": debug: ") && !$0.contains(": trace: ") && $0.lowercased().contains("error")
        }
        let text = lines.prefix(3).joined(separator: " / ")
        return text.isEmpty ? String(standardError.suffix(limit)) : String(text.prefix(limit))
    }
}
