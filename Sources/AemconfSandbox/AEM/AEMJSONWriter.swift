import Foundation

/// Writes JSON with keys in a chosen order (Sling's renderers keep repository order), compact or tidy.
struct AEMJSONWriter {
    /// An ordered JSON value.
    indirect enum Value {
        case string(String)
        case bool(Bool)
        case integer(Int64)
        case double(Double)
        /// Digits written as a JSON number without conversion (big serial numbers).
        case rawNumber(String)
        case null
        case array([Value])
        case object([(String, Value)])
    }

    static func render(_ value: Value, tidy: Bool = false) -> String {
        var output = ""
        write(value, into: &output, tidy: tidy, indent: 0)
        return output
    }

    private static func write(_ value: Value, into output: inout String, tidy: Bool, indent: Int) {
        switch value {
        case .string(let text): appendQuoted(text, to: &output)
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .double(let number):
            output +=
                number.isFinite
                ? (number == number.rounded() && abs(number) < 1e15 ? String(format: "%.1f", number) : String(number))
                : "null"
        case .rawNumber(let digits): output += digits
        case .null: output += "null"
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += tidy ? ", " : "," }
                write(item, into: &output, tidy: tidy, indent: indent)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                if tidy { output += "\n" + String(repeating: "  ", count: indent + 1) }
                appendQuoted(member.0, to: &output)
                output += tidy ? ": " : ":"
                write(member.1, into: &output, tidy: tidy, indent: indent + 1)
            }
            if tidy, !members.isEmpty { output += "\n" + String(repeating: "  ", count: indent) }
            output += "}"
        }
    }

    static func quote(_ text: String) -> String {
        var result = ""
        appendQuoted(text, to: &result)
        return result
    }

    /// Appends `text` as a JSON string. Text without a byte to escape (the usual case) is appended whole; only
    /// other text goes through the scalar-by-scalar escaping.
    private static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        if text.utf8.allSatisfy({ !needsEscape($0) }) {
            output += text
        } else {
            appendEscaped(text, to: &output)
        }
        output += "\""
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">")
    }

    private static func appendEscaped(_ text: String, to result: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003C"
            case ">": result += "\\u003E"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
    }
}
