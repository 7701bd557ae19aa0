/// Every message the YAML front end produces, in one place.
extension YAMLError {
    /// libyaml's scanner or parser rejected the text.
    static func syntax(problem: String, at mark: Mark, context: String?, contextMark: Mark?) -> YAMLError {
        var message = problem
        if let context, let contextMark, contextMark != mark {
            message += " \(context) at line \(contextMark.line), column \(contextMark.column)"
        } else if let context {
            message += " \(context)"
        }
        return YAMLError(code: .syntax, mark: mark, message: message, relatedMark: contextMark)
    }

    /// libyaml's reader rejected the bytes (invalid UTF-8, a control character).
    static func reader(problem: String, value: Int?, at mark: Mark) -> YAMLError {
        var message = problem
        if let value {
            let hex = String(value, radix: 16, uppercase: true)
            message += " (0x\(hex.count % 2 == 1 ? "0" + hex : hex))"
        }
        let isEncoding = problem.contains("UTF") || problem.contains("octet") || problem.contains("Unicode")
        if isEncoding {
            message = "the file is not valid UTF-8: \(message)"
        }
        return YAMLError(code: isEncoding ? .invalidEncoding : .invalidCharacter, mark: mark, message: message)
    }

    /// libyaml could not allocate memory.
    static func outOfMemory(_ mark: Mark) -> YAMLError {
        YAMLError(code: .outOfMemory, mark: mark, message: "out of memory while parsing YAML")
    }

    /// A second document in a single-document stream.
    static func multipleDocuments(_ mark: Mark) -> YAMLError {
        YAMLError(
            code: .multipleDocuments,
            mark: mark,
            message: "a second YAML document starts here, but a config file holds exactly one; "
                + "remove the '---' or move the document to a file of its own"
        )
    }

    /// The same key twice in one mapping.
    static func duplicateKey(_ key: Node, first: Node) -> YAMLError {
        let name: String
        if case .scalar(let scalar) = key.content {
            name = "key \(quoted(scalar.value))"
        } else {
            name = "key"
        }
        var message =
            "duplicate \(name) in this mapping; the first is at line \(first.mark.line), column \(first.mark.column)"
        if case .scalar(let scalar) = key.content, scalar.value == "<<", scalar.style == .plain {
            message += "; merge several mappings with '<<: [*first, *second]'"
        }
        return YAMLError(code: .duplicateKey, mark: key.mark, message: message, relatedMark: first.mark)
    }

    /// An alias naming no anchor defined before it.
    static func unknownAlias(_ name: String, at mark: Mark) -> YAMLError {
        YAMLError(
            code: .unknownAlias,
            mark: mark,
            message:
                "unknown alias \(quoted("*" + name)); no anchor \(quoted("&" + name)) is defined before it in this document"
        )
    }

    /// An alias inside the node its anchor names.
    static func recursiveAlias(_ name: String, at mark: Mark, anchorMark: Mark) -> YAMLError {
        YAMLError(
            code: .recursiveAlias,
            mark: mark,
            message: "alias \(quoted("*" + name)) refers to the node that contains it "
                + "(anchored at line \(anchorMark.line), column \(anchorMark.column)); recursive aliases are not allowed",
            relatedMark: anchorMark
        )
    }

    /// Aliases expanded beyond the limit.
    static func aliasExpansionLimit(_ name: String, at mark: Mark, limit: Int) -> YAMLError {
        YAMLError(
            code: .aliasExpansionLimit,
            mark: mark,
            message: "alias \(quoted("*" + name)) takes the nodes expanded from aliases past the limit of \(limit) "
                + "(a 'billion laughs' document?); aliases may expand to at most \(limit) nodes per file"
        )
    }

    /// Collections nested too deep.
    static func nestingLimit(at mark: Mark, limit: Int) -> YAMLError {
        YAMLError(
            code: .nestingLimit,
            mark: mark,
            message: "collections are nested more than \(limit) levels deep here; the limit is \(limit)"
        )
    }

    /// A `<<` value that is neither a mapping nor a sequence of mappings.
    static func invalidMerge(_ value: Node) -> YAMLError {
        let found: String
        switch value.content {
        case .scalar: found = "a scalar"
        case .sequence: found = "a sequence"
        case .mapping: found = "a mapping"
        }
        return YAMLError(
            code: .invalidMerge,
            mark: value.mark,
            message:
                "the merge key '<<' takes a mapping or a sequence of mappings (such as '<<: *defaults'), not \(found)"
        )
    }

    /// A user value in single quotes, shortened when long.
    static func quoted(_ text: String) -> String {
        let limit = 60
        if text.unicodeScalars.count <= limit {
            return "'\(text)'"
        }
        return "'\(String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))))…'"
    }
}
