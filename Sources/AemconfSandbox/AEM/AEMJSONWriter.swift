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
        String(decoding: bytes(value, tidy: tidy), as: UTF8.self)
    }

    /// The UTF-8 bytes of ``render(_:tidy:)``, written into one byte buffer.
    static func bytes(_ value: Value, tidy: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        write(value, into: &output, tidy: tidy, indent: 0)
        return output
    }

    private static func write(_ value: Value, into output: inout [UInt8], tidy: Bool, indent: Int) {
        switch value {
        case .string(let text): appendQuoted(text, to: &output)
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .integer(let number): output += String(number).utf8
        case .double(let number):
            let text =
                number.isFinite
                ? (number == number.rounded() && abs(number) < 1e15 ? String(format: "%.1f", number) : String(number))
                : "null"
            output += text.utf8
        case .rawNumber(let digits): output += digits.utf8
        case .null: output += "null".utf8
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output += (tidy ? ", " : ",").utf8 }
                write(item, into: &output, tidy: tidy, indent: indent)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if tidy { output += ("\n" + String(repeating: "  ", count: indent + 1)).utf8 }
                appendQuoted(member.0, to: &output)
                output += (tidy ? ": " : ":").utf8
                write(member.1, into: &output, tidy: tidy, indent: indent + 1)
            }
            if tidy, !members.isEmpty { output += ("\n" + String(repeating: "  ", count: indent)).utf8 }
            output.append(UInt8(ascii: "}"))
        }
    }

    static func quote(_ text: String) -> String {
        var result: [UInt8] = []
        appendQuoted(text, to: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// Appends `text` as a JSON string. Text without a byte to escape (the usual case) is appended whole; only
    /// other text goes through the scalar-by-scalar escaping.
    private static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        if text.utf8.allSatisfy({ !needsEscape($0) }) {
            output += text.utf8
        } else {
            var escaped = ""
            appendEscaped(text, to: &escaped)
            output += escaped.utf8
        }
        output.append(UInt8(ascii: "\""))
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
