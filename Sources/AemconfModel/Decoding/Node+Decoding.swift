import AemconfYAML

extension SourceLocation {
    /// The location of a parser mark.
    init(_ mark: Mark) {
        self.init(file: mark.file, line: mark.line, column: mark.column)
    }
}

extension Node {
    /// Where the node starts, as a ``SourceLocation``.
    var location: SourceLocation { SourceLocation(mark) }

    /// The span the node covers.
    var range: SourceRange { SourceRange(start: SourceLocation(mark), end: SourceLocation(endMark)) }

    /// `true` for an untagged plain `~`, `null` (any case spelling of the core schema) or empty scalar.
    var isNull: Bool {
        guard case .scalar(let scalar) = content, scalar.style == .plain else { return false }
        if let tag { return tag == "tag:yaml.org,2002:null" || tag == "!!null" }
        guard scalar.value.utf8.count <= 4 else { return false }
        switch scalar.value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// `true` for a plain scalar whose type the core schema resolves from its text: not quoted, not a block
    /// scalar and not tagged `!!str` (`!!str 42` is the string "42", as in every YAML implementation).
    var isImplicitlyTyped: Bool {
        guard case .scalar(let scalar) = content, scalar.style == .plain else { return false }
        return tag != "!!str" && tag != "tag:yaml.org,2002:str"
    }

    /// The scalar, or `nil` for collections.
    var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// How an error names what was found, without quoting it ("a mapping", "a list", "a string").
    var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if isNull { return "no value" }
            guard isImplicitlyTyped else { return "a string" }
            if Node.booleanValue(scalar.value) != nil { return "a boolean" }
            if Node.isNumber(scalar.value) { return "a number" }
            return "a string"
        }
    }

    /// How an error names what was found, quoting a scalar's text ("the string 'yes'").
    var valueDescription: String {
        guard let scalar, !isNull else { return kindDescription }
        return "\(kindDescription.dropFirst(2).description.prefixedWithThe) \(Diagnostic.quoted(scalar.value))"
    }

    /// The YAML 1.2 core-schema booleans.
    static func booleanValue(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// A YAML 1.2 core-schema number (decimal integer or float, optional sign).
    static func isNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return false }
        var digits = 0
        var dots = 0
        for byte in bytes {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits += 1
            } else if byte == UInt8(ascii: ".") {
                dots += 1
            } else {
                return false
            }
        }
        return digits > 0 && dots <= 1
    }
}

extension String {
    fileprivate var prefixedWithThe: String { "the \(self)" }
}
