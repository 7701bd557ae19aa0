import AemconfModel
import Foundation

/// Renders config diagnostics compiler-style (`file:line:column: error: message`, the source line, a caret),
/// or as a JSON array for `--json`.
///
/// Quoted source lines are masked where they may hold a secret: the spans the loader marked (literal
/// secrets, values of misspelt secret keys) and, as a second line of defence for lines quoted by YAML
/// syntax errors, the value after any key that names a password, secret or token.
struct DiagnosticPrinter {
    /// What replaces masked text.
    static let mask = "(sensitive)"

    /// Colour decisions.
    var terminal: Terminal
    /// Reads a file's text for quoting (`nil` when unavailable: the line is then left out).
    var readSource: (String) -> String?

    private var linesCache: [String: [Substring]] = [:]

    init(terminal: Terminal, readSource: @escaping (String) -> String? = DiagnosticPrinter.readFile) {
        self.terminal = terminal
        self.readSource = readSource
    }

    /// Reads a file as UTF-8 (invalid bytes replaced): only a regular file no larger than a config may be, so
    /// that quoting a line never reads a device, a FIFO or `/proc` (those are refused before parsing anyway).
    static func readFile(_ path: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let size = attributes[.size] as? Int, size > 0, size <= ConfigLoader.maximumFileSize
        else { return nil }
        return FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether a source line may be quoted: not when it holds control characters (other than a tab) or text
    /// that was not valid UTF-8 — such a "line" is not a config line, and may be anything (an environment
    /// block, a key file) that must not reach a log.
    static func isQuotable(_ line: Substring) -> Bool {
        !line.unicodeScalars.contains { scalar in
            scalar == "\u{FFFD}" || (scalar != "\t" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)))
        }
    }

    // MARK: human output

    /// Every diagnostic with its quoted line and caret.
    mutating func render(_ diagnostics: [Diagnostic], sensitiveRanges: [SourceRange]) -> String {
        var output = ""
        for diagnostic in diagnostics {
            output += render(diagnostic, sensitiveRanges: sensitiveRanges)
        }
        return output
    }

    /// One diagnostic: the header line, then the source line and a caret when the line can be read.
    mutating func render(_ diagnostic: Diagnostic, sensitiveRanges: [SourceRange]) -> String {
        let location = diagnostic.location
        let label =
            diagnostic.severity == .error
            ? terminal.styled("error:", .red) : terminal.styled("warning:", .magenta)
        var output =
            "\(terminal.styled("\(location.formatted):", .bold)) \(label) \(terminal.styled(diagnostic.message, .bold))\n"
        guard location.line >= 1, let line = sourceLine(location.file, location.line), Self.isQuotable(line) else {
            return output
        }
        let (text, caretColumn) = Self.masked(
            line,
            lineNumber: location.line,
            file: location.file,
            ranges: sensitiveRanges,
            caretColumn: location.column
        )
        output += text + "\n"
        output += Self.caretPrefix(text, column: caretColumn) + terminal.styled("^", .green) + "\n"
        return output
    }

    /// The summary after the diagnostics ("2 errors and 1 warning").
    static func summary(errors: Int, warnings: Int) -> String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        switch (errors, warnings) {
        case (0, 0): return "no problems"
        case (_, 0): return count(errors, "error")
        case (0, _): return count(warnings, "warning")
        default: return "\(count(errors, "error")) and \(count(warnings, "warning"))"
        }
    }

    private mutating func sourceLine(_ file: String, _ number: Int) -> Substring? {
        if linesCache[file] == nil {
            guard let text = readSource(file) else { return nil }
            linesCache[file] = Self.lines(text)
        }
        guard let lines = linesCache[file], number <= lines.count else { return nil }
        return lines[number - 1]
    }

    /// Lines split at `\n`, `\r\n` and a lone `\r` (as YAML and the parser's marks count them).
    static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\n" || character == "\r\n" || character == "\r" {
                lines.append(text[start..<index])
                index = text.index(after: index)
                start = index
            } else {
                index = text.index(after: index)
            }
        }
        lines.append(text[start..<text.endIndex])
        return lines
    }

    /// Spaces (tabs kept as tabs) up to `column` (1-based, in Unicode scalars) of `line`.
    static func caretPrefix(_ line: String, column: Int) -> String {
        var prefix = ""
        for (offset, scalar) in line.unicodeScalars.enumerated() where offset < column - 1 {
            prefix.append(scalar == "\t" ? "\t" : " ")
        }
        let missing = column - 1 - line.unicodeScalars.count
        if missing > 0 { prefix += String(repeating: " ", count: missing) }
        return prefix
    }

    // MARK: masking

    /// `line` with sensitive spans replaced by ``mask``, and where `caretColumn` lands in the result.
    static func masked(
        _ line: Substring,
        lineNumber: Int,
        file: String,
        ranges: [SourceRange],
        caretColumn: Int
    ) -> (text: String, caretColumn: Int) {
        let scalars = Array(line.unicodeScalars)
        var spans: [Range<Int>] = []  // 0-based scalar offsets
        for range in ranges
        where range.start.file == file && range.start.line <= lineNumber && lineNumber <= range.end.line {
            let from = range.start.line == lineNumber ? range.start.column - 1 : leadingSpaces(scalars)
            let to = range.end.line == lineNumber ? range.end.column - 1 : scalars.count
            let lower = max(0, min(from, scalars.count))
            let upper = max(lower, min(to, scalars.count))
            if lower < upper { spans.append(lower..<upper) }
        }
        spans += heuristicSpans(scalars)
        spans.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for span in spans {
            if let last = merged.last, span.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        var text = String.UnicodeScalarView()
        var caret = caretColumn
        var offset = 0
        for span in merged {
            text.append(contentsOf: scalars[offset..<span.lowerBound])
            text.append(contentsOf: mask.unicodeScalars)
            if caretColumn - 1 >= span.upperBound {
                caret += mask.unicodeScalars.count - span.count
            } else if caretColumn - 1 > span.lowerBound {
                caret = span.lowerBound + 1
            }
            offset = span.upperBound
        }
        if offset < scalars.count { text.append(contentsOf: scalars[offset...]) }
        return (String(text), caret)
    }

    private static func leadingSpaces(_ scalars: [Unicode.Scalar]) -> Int {
        scalars.firstIndex { $0 != " " && $0 != "\t" } ?? scalars.count
    }

    /// Values after keys naming a password, secret or token, unless they are `${…}` references.
    static func heuristicSpans(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        let lowered = scalars.map { $0.properties.lowercaseMapping.unicodeScalars.first ?? $0 }
        var spans: [Range<Int>] = []
        var index = 0
        let inFlow = scalars.contains("{")
        while index < scalars.count {
            guard let keyEnd = secretKeyEnd(lowered, from: index) else {
                index += 1
                continue
            }
            var cursor = keyEnd
            while cursor < scalars.count, scalars[cursor] == "\"" || scalars[cursor] == "'" { cursor += 1 }
            guard cursor < scalars.count, scalars[cursor] == ":" else {
                index = keyEnd
                continue
            }
            cursor += 1
            while cursor < scalars.count, scalars[cursor] == " " || scalars[cursor] == "\t" { cursor += 1 }
            let start = cursor
            var end = start
            while end < scalars.count {
                let scalar = scalars[end]
                if inFlow, scalar == "," || scalar == "}" { break }
                if scalar == "#", end > start, scalars[end - 1] == " " { break }
                end += 1
            }
            while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
            let isReference = end - start >= 2 && scalars[start] == "$" && scalars[start + 1] == "{"
            let isQuotedReference =
                end - start >= 3 && (scalars[start] == "\"" || scalars[start] == "'")
                && scalars[start + 1] == "$" && scalars[start + 2] == "{"
            if start < end, !isReference, !isQuotedReference {
                spans.append(start..<end)
            }
            index = max(end, keyEnd)
        }
        return spans
    }

    /// The end of a word containing `password`, `secret` or `token` that starts at `index`, if any.
    private static func secretKeyEnd(_ lowered: [Unicode.Scalar], from index: Int) -> Int? {
        func isWord(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
        guard isWord(lowered[index]), index == 0 || !isWord(lowered[index - 1]) else { return nil }
        var end = index
        while end < lowered.count, isWord(lowered[end]) { end += 1 }
        let word = String(String.UnicodeScalarView(lowered[index..<end]))
        return ["password", "secret", "token", "passwd"].contains(where: word.contains) ? end : nil
    }

    // MARK: JSON output

    /// One entry of `--json` output.
    struct JSONEntry: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var code: String
        var message: String
    }

    /// The diagnostics as a JSON array of `{file, line, column, severity, code, message}`.
    static func json(_ diagnostics: [Diagnostic]) -> String {
        let entries = diagnostics.map {
            JSONEntry(
                file: $0.location.file,
                line: $0.location.line,
                column: $0.location.column,
                severity: $0.severity.rawValue,
                code: $0.code.rawValue,
                message: $0.message
            )
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(entries) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
