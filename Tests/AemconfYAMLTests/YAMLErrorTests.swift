import AemconfTestSupport
import AemconfYAML
import Testing

/// Every kind of `YAMLError`, each pointing where a marker in the fixture says.
@Suite struct YAMLErrorTests {
    @Test func duplicateKeyPointsAtTheSecondKeyAndNamesTheFirst() throws {
        let fixture = MarkedText(
            """
            ioIntegrations:
              target-prod:
                name: a
                description: b
                1️⃣name: c
            """
        )
        let error = try expectError(.duplicateKey, in: fixture)
        #expect(error.message == "duplicate key 'name' in this mapping; the first is at line 3, column 5")
        #expect(error.relatedMark?.line == 3)
        #expect(error.description == "bad.yaml:5:5: error: \(error.message)")
    }

    @Test func duplicateKeyInAFlowMapping() throws {
        try expectError(.duplicateKey, in: MarkedText("cert: {alias: a, validityDays: 1, 1️⃣alias: b}\n"))
    }

    @Test func duplicateKeyInALargeMapping() throws {
        let keys = (1...40).map { "key\($0): \($0)" }.joined(separator: "\n")
        try expectError(.duplicateKey, in: MarkedText(keys + "\n1️⃣key7: again\n"))
    }

    @Test func duplicateKeysCompareTextNotStyle() throws {
        try expectError(.duplicateKey, in: MarkedText("name: a\n1️⃣'name': b\n"))
    }

    @Test func twoMergeKeysAreDuplicates() throws {
        let error = try expectError(
            .duplicateKey,
            in: MarkedText("a: &a {x: 1}\nb: &b {y: 1}\nc:\n  <<: *a\n  1️⃣<<: *b\n")
        )
        #expect(error.message.contains("'<<: [*first, *second]'"))
    }

    @Test func duplicateKeyInsideAMergedMappingIsReportedWhereItIsWritten() throws {
        try expectError(.duplicateKey, in: MarkedText("a: &a\n  x: 1\n  1️⃣x: 2\nb:\n  <<: *a\n"))
    }

    @Test func unknownAlias() throws {
        let error = try expectError(.unknownAlias, in: MarkedText("a: 1\nb: 1️⃣*missing\n"))
        #expect(error.message.contains("'*missing'"))
    }

    @Test func aliasBeforeItsAnchorIsUnknown() throws {
        try expectError(.unknownAlias, in: MarkedText("a: 1️⃣*later\nb: &later 1\n"))
    }

    @Test func recursiveAlias() throws {
        let error = try expectError(.recursiveAlias, in: MarkedText("a: &loop\n  b: [1, 1️⃣*loop]\n"))
        #expect(error.relatedMark?.line == 1)
    }

    @Test func recursiveMerge() throws {
        try expectError(.recursiveAlias, in: MarkedText("a: &self\n  x: 1\n  <<: 1️⃣*self\n"))
    }

    @Test func billionLaughsStopsAtTheExpansionLimit() throws {
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = "abcdefghi".map(String.init)
        for (previous, name) in zip(names, names.dropFirst()) {
            let items = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
            lines.append("\(name): &\(name) [\(items)]")
        }
        let text = lines.joined(separator: "\n") + "\n"
        var thrown: YAMLError?
        do {
            _ = try YAMLParser.parseSingleDocument(text, file: "lol.yaml")
        } catch let error as YAMLError {
            thrown = error
        }
        let error = try #require(thrown)
        #expect(error.code == .aliasExpansionLimit)
        #expect(error.message.contains("1000000"))
        #expect(error.message.contains("billion laughs"))
        #expect(error.mark.line >= 7)
    }

    @Test func expansionLimitIsConfigurable() throws {
        let fixture = MarkedText("a: &a [1, 2, 3]\nb: *a\nc: 1️⃣*a\n")
        let configuration = YAMLParser.Configuration(maxAliasExpansion: 5)
        #expect(throws: YAMLError.self) {
            try YAMLParser.parseSingleDocument(fixture.text, file: "bad.yaml", configuration: configuration)
        }
        do {
            _ = try YAMLParser.parseSingleDocument(fixture.text, file: "bad.yaml", configuration: configuration)
        } catch let error as YAMLError {
            #expect(error.code == .aliasExpansionLimit)
            #expect(MarkedText.Location(line: error.mark.line, column: error.mark.column) == fixture.location(of: "1️⃣"))
        }
    }

    @Test func nestingLimit() throws {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        var thrown: YAMLError?
        do {
            _ = try YAMLParser.parseSingleDocument(text, file: "deep.yaml")
        } catch let error as YAMLError {
            thrown = error
        }
        let error = try #require(thrown)
        #expect(error.code == .nestingLimit)
        #expect(error.mark == Mark(file: "deep.yaml", line: 1, column: 513))
    }

    @Test func multipleDocumentsPointAtTheSecond() throws {
        let error = try expectError(.multipleDocuments, in: MarkedText("a: 1\n1️⃣---\nb: 2\n"))
        #expect(error.message.contains("'---'"))
    }

    @Test func multipleDocumentsAfterAnEndMarker() throws {
        try expectError(.multipleDocuments, in: MarkedText("--- a\n...\n1️⃣--- b\n"))
    }

    @Test func mergeOfAScalarIsRejected() throws {
        try expectError(.invalidMerge, in: MarkedText("a:\n  <<: 1️⃣nope\n"))
    }

    @Test func mergeOfASequenceHoldingAScalarIsRejected() throws {
        try expectError(.invalidMerge, in: MarkedText("d: &d {x: 1}\na:\n  <<: [*d, 1️⃣nope]\n"))
    }

    @Test func syntaxErrorCarriesLibyamlsProblemAndContext() throws {
        let error = try expectError(
            .syntax,
            in: MarkedText("aem:\n  url: https://x\n 1️⃣bad: indentation\n")
        )
        #expect(error.message.contains("did not find expected key"))
        #expect(error.message == "did not find expected key while parsing a block mapping at line 1, column 1")
        #expect(error.relatedMark?.line == 1)
    }

    @Test func unclosedFlowSequence() throws {
        let error = try expectError(.syntax, in: MarkedText("a: [1, 2\nb1️⃣: c\n"))
        #expect(error.message.contains("while parsing a flow sequence at line 1, column 4"))
    }

    @Test func unclosedQuote() throws {
        let error = try expectError(.syntax, in: MarkedText("a: \"open\n1️⃣"))
        #expect(error.message.contains("found unexpected end of stream"))
    }

    @Test func tabIndentation() throws {
        try expectError(.syntax, in: MarkedText("a:\n1️⃣\tb: 1\n"))
    }

    @Test func syntaxErrorColumnsCountUnicodeScalars() throws {
        // A leading byte order mark is not a column; 'ä', '€' and '😀' are one column each.
        try expectError(.syntax, in: MarkedText("\u{FEFF}ä: \"ß€😀\" 1️⃣x\n"))
    }

    @Test func invalidUTF8IsPositionedByByte() throws {
        // 'ä: ok\nb: x' followed by a lone continuation byte: line 2, column 5 (counting scalars, after a BOM).
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ä: ok\nb: x".utf8) + [0xFF] + Array("\n".utf8)
        var thrown: YAMLError?
        do {
            _ = try YAMLParser.parseSingleDocument(bytes: bytes, file: "bad.yaml")
        } catch let error as YAMLError {
            thrown = error
        }
        let error = try #require(thrown)
        #expect(error.code == .invalidEncoding)
        #expect(error.mark == Mark(file: "bad.yaml", line: 2, column: 5))
        #expect(error.message.contains("UTF-8"))
        #expect(error.message.contains("0xFF"))
    }

    @Test func truncatedUTF8SequenceAtTheEnd() throws {
        let bytes = Array("a: ü".utf8).dropLast()
        #expect(throws: YAMLError.self) {
            try YAMLParser.parseSingleDocument(bytes: Array(bytes), file: "bad.yaml")
        }
    }

    @Test func controlCharacterIsRejected() throws {
        let fixture = MarkedText("a: 1\nb: 1️⃣\u{07}\n")
        try expectError(.invalidCharacter, in: fixture)
    }

    @Test func errorsAreEqualByCode() {
        let first = YAMLError(code: .duplicateKey, mark: Mark(file: "a", line: 1, column: 1), message: "x")
        let second = YAMLError(code: .duplicateKey, mark: Mark(file: "b", line: 9, column: 9), message: "y")
        let other = YAMLError(code: .syntax, mark: Mark(file: "a", line: 1, column: 1), message: "x")
        #expect(first == second)
        #expect(first != other)
    }
}
