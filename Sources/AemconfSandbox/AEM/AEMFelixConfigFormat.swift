import Foundation

/// The Felix `.config` file format (aem.md §2.4): `key=value` lines; values `"text"`, typed
/// `B"true"` / `I"30000"` / `L"…"` / `F"…"` / `D"…"`, arrays `["a","b"]`, collections `("a")`;
/// backslash escapes inside quotes (`\"`, `\\`, `\ `, `\=`, `\uXXXX`).
enum AEMFelixConfigFormat {
    private static let typeCodes: [Character: String] = [
        "T": "String", "I": "Integer", "L": "Long", "F": "Float", "D": "Double", "X": "Byte", "S": "Short",
        "C": "Character", "B": "Boolean",
    ]

    static func typeCode(for type: String) -> String {
        switch type {
        case "String": ""
        case "Integer": "I"
        case "Long": "L"
        case "Float": "F"
        case "Double": "D"
        case "Byte": "X"
        case "Short": "S"
        case "Character": "C"
        case "Boolean": "B"
        default: ""
        }
    }

    /// Writes properties in order, one per line (a file without properties is one empty line).
    static func write(_ properties: [(name: String, value: AEMOSGiConfiguration.Value)]) -> String {
        guard !properties.isEmpty else { return "\n" }
        var text: [UInt8] = []
        text.reserveCapacity(96 * properties.count)
        for (name, value) in properties {
            text += name.utf8
            text.append(UInt8(ascii: "="))
            text += typeCode(for: value.type).utf8
            if value.isArray {
                text.append(UInt8(ascii: "["))
                for (index, element) in value.values.enumerated() {
                    if index > 0 { text.append(UInt8(ascii: ",")) }
                    appendQuoted(element, to: &text)
                }
                text.append(UInt8(ascii: "]"))
            } else {
                appendQuoted(value.values.first ?? "", to: &text)
            }
            text.append(UInt8(ascii: "\n"))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends ``quote(_:)`` of `value`, written byte by byte when it is ASCII (every configuration aemconf writes),
    /// else through ``quote(_:)``.
    static func appendQuoted(_ value: String, to text: inout [UInt8]) {
        guard value.utf8.allSatisfy({ $0 < 0x80 }) else {
            text += quote(value).utf8
            return
        }
        text.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            let escaped: UInt8
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: " "), UInt8(ascii: "="), UInt8(ascii: "{"),
                UInt8(ascii: "}"):
                escaped = byte
            case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
            case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
            case 0..<0x20, 0x7F:
                text += "\\u00".utf8
                text += SandboxHex.lowercase(CollectionOfOne(byte)).utf8
                continue
            default:
                text.append(byte)
                continue
            }
            text.append(UInt8(ascii: "\\"))
            text.append(escaped)
        }
        text.append(UInt8(ascii: "\""))
    }

    /// What ``parse(_:)`` reads back from ``write(_:)`` of `properties`, without writing and parsing the text; `nil`
    /// unless the format carries every property exactly: a non-empty name of printable ASCII other than `=` and `\`,
    /// not starting a comment (`#`, `!`); a type the format names; no character beyond U+FFFF in a value (written
    /// as a surrogate pair that the parser drops). A single value reads back as its first value (or `""`).
    static func readBack(
        _ properties: [(name: String, value: AEMOSGiConfiguration.Value)]
    ) -> [(name: String, value: AEMOSGiConfiguration.Value)]? {
        var result: [(name: String, value: AEMOSGiConfiguration.Value)] = []
        result.reserveCapacity(properties.count)
        for (name, value) in properties {
            guard isPlainName(name), knownTypes.contains(value.type),
                value.values.allSatisfy({ $0.unicodeScalars.allSatisfy { $0.value <= 0xFFFF } })
            else { return nil }
            let values = value.isArray ? value.values : [value.values.first ?? ""]
            result.append((name, .init(type: value.type, values: values, isArray: value.isArray)))
        }
        return result
    }

    private static let knownTypes = Set(typeCodes.values)

    private static func isPlainName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first != UInt8(ascii: "#"), first != UInt8(ascii: "!") else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "\\")
        }
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case " ": result += "\\ "
            case "=": result += "\\="
            case "{": result += "\\{"
            case "}": result += "\\}"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7E {
                    if scalar.value > 0xFFFF {
                        for unit in String(scalar).utf16 { result += String(format: "\\u%04x", unit) }
                    } else {
                        result += String(format: "\\u%04x", scalar.value)
                    }
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Parses a file; `nil` when it is not in the format.
    static func parse(_ text: String) -> [(name: String, value: AEMOSGiConfiguration.Value)]? {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        return parser.parseAll()
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        mutating func parseAll() -> [(name: String, value: AEMOSGiConfiguration.Value)]? {
            var result: [(name: String, value: AEMOSGiConfiguration.Value)] = []
            while true {
                skipBlank(newlines: true)
                guard index < scalars.count else { return result }
                if scalars[index] == "#" || scalars[index] == "!" {
                    while index < scalars.count, scalars[index] != "\n" { index += 1 }
                    continue
                }
                var key = ""
                while index < scalars.count, scalars[index] != "=", scalars[index] != " ", scalars[index] != "\t",
                    scalars[index] != "\n"
                {
                    if scalars[index] == "\\", index + 1 < scalars.count {
                        index += 1
                    }
                    key.unicodeScalars.append(scalars[index])
                    index += 1
                }
                skipBlank(newlines: false)
                guard index < scalars.count, scalars[index] == "=", !key.isEmpty else { return nil }
                index += 1
                skipBlank(newlines: false)
                guard let value = parseValue() else { return nil }
                result.append((key, value))
            }
        }

        mutating func parseValue() -> AEMOSGiConfiguration.Value? {
            guard index < scalars.count else { return nil }
            var type = "String"
            if let mapped = typeCodes[Character(scalars[index])], index + 1 < scalars.count,
                ["\"", "[", "("].contains(scalars[index + 1])
            {
                type = mapped
                index += 1
            }
            guard index < scalars.count else { return nil }
            switch scalars[index] {
            case "\"":
                guard let text = parseQuoted() else { return nil }
                return .init(type: type, values: [text], isArray: false)
            case "[", "(":
                let close: Unicode.Scalar = scalars[index] == "[" ? "]" : ")"
                index += 1
                var values: [String] = []
                while true {
                    skipBlank(newlines: true)
                    guard index < scalars.count else { return nil }
                    if scalars[index] == close {
                        index += 1
                        return .init(type: type, values: values, isArray: true)
                    }
                    if scalars[index] == "," {
                        index += 1
                        continue
                    }
                    guard scalars[index] == "\"", let text = parseQuoted() else { return nil }
                    values.append(text)
                }
            default:
                return nil
            }
        }

        mutating func parseQuoted() -> String? {
            index += 1
            var text = ""
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                if scalar == "\"" { return text }
                if scalar == "\\" {
                    guard index < scalars.count else { return nil }
                    let escaped = scalars[index]
                    index += 1
                    switch escaped {
                    case "n": text += "\n"
                    case "r": text += "\r"
                    case "t": text += "\t"
                    case "b": text += "\u{8}"
                    case "f": text += "\u{C}"
                    case "u":
                        guard index + 4 <= scalars.count,
                            let code = UInt32(String(String.UnicodeScalarView(scalars[index..<index + 4])), radix: 16)
                        else { return nil }
                        index += 4
                        if let value = Unicode.Scalar(code) { text.unicodeScalars.append(value) }
                    case "\n":
                        continue
                    default:
                        text.unicodeScalars.append(escaped)
                    }
                    continue
                }
                text.unicodeScalars.append(scalar)
            }
            return nil
        }

        mutating func skipBlank(newlines: Bool) {
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == " " || scalar == "\t" || scalar == "\r" || (newlines && scalar == "\n") {
                    index += 1
                } else if scalar == "\\", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                    index += 2
                } else {
                    return
                }
            }
        }
    }
}
