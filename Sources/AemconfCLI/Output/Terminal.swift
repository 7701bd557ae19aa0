#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// What the terminal can do, decided once per command from the flags, the environment and the stream.
struct Terminal: Sendable {
    /// Whether output may use ANSI colours.
    var usesColor: Bool

    /// Colour only on a TTY, never with `--no-color` or a non-empty `NO_COLOR` (https://no-color.org).
    static func forStandardError(noColor: Bool, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Terminal
    {
        Terminal(usesColor: allowsColor(noColor: noColor, environment: environment, isTTY: isatty(STDERR_FILENO) == 1))
    }

    /// Colour on standard output only on a TTY, never with `--no-color` or `NO_COLOR`.
    static func forStandardOutput(noColor: Bool, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Terminal
    {
        Terminal(usesColor: allowsColor(noColor: noColor, environment: environment, isTTY: isatty(STDOUT_FILENO) == 1))
    }

    /// The colour decision, as a pure function of its inputs.
    static func allowsColor(noColor: Bool, environment: [String: String], isTTY: Bool) -> Bool {
        if noColor { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isTTY
    }

    /// ANSI styles used by aemconf's output.
    enum Style: String, Sendable {
        case bold = "1"
        case red = "1;31"
        case magenta = "1;35"
        case green = "1;32"
    }

    /// `text` in `style` when colours are on, else `text` unchanged.
    func styled(_ text: String, _ style: Style) -> String {
        usesColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Writes `text` to standard error.
    static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `text` with every control character escaped as `\u{XX}`: C0 (but `\n` when `keepingNewlines`), DEL, C1 (such
    /// as U+009B, a one-byte CSI) and the bidirectional overrides. Values read from state (which `state push` may
    /// have written) go through it before reaching a terminal, so a stored escape sequence is shown, not run.
    static func escapingControlCharacters(_ text: String, keepingNewlines: Bool = false) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl =
                value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F || value == 0x061C
            if isControl && !(keepingNewlines && value == 0x0A) {
                result += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
