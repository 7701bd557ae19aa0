extension String {
    /// The string as a plan shows a string value: double-quoted, with quotes, backslashes and every control or
    /// bidirectional-override character escaped, so a value can neither end the line nor drive the terminal.
    var planQuoted: String {
        "\"" + planEscaped(escapingQuotes: true) + "\""
    }

    /// Free text from config or the services (addresses, reasons, messages) made safe for one terminal line:
    /// control and bidirectional-override characters escaped as `\u{…}`, everything else unchanged.
    var planSanitized: String {
        planEscaped(escapingQuotes: false)
    }

    private func planEscaped(escapingQuotes: Bool) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "\"" where escapingQuotes: result += "\\\""
            case "\\" where escapingQuotes: result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.isUnsafeOnATerminal {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

extension Unicode.Scalar {
    /// C0 and C1 controls, DEL, and the bidirectional embedding, override and isolate characters.
    fileprivate var isUnsafeOnATerminal: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
