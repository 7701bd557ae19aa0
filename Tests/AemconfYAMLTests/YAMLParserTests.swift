import AemconfTestSupport
import AemconfYAML
import Testing

@Suite struct YAMLParserTests {
    @Test func parsesTheRealConfigWithMarks() throws {
        let fixture = MarkedText(
            """
            1️⃣version: 1
            aem:
              url: 2️⃣https://author.example.com:4502   # a comment
              # a whole-line comment
              password: 3️⃣${env:AEM_PASSWORD}
            """
        )
        let root = try parse(fixture.text)
        #expect(root.keys == ["version", "aem"])
        #expect(root.location == fixture.location(of: "1️⃣"))
        let url = try #require(root.value("aem")?.value("url"))
        #expect(url.text == "https://author.example.com:4502")
        #expect(url.location == fixture.location(of: "2️⃣"))
        let password = try #require(root.value("aem")?.value("password"))
        #expect(password.text == "${env:AEM_PASSWORD}")
        #expect(password.location == fixture.location(of: "3️⃣"))
        #expect(root.mark.file == "aemconf.yaml")
        #expect(try YAMLParser.parseSingleDocument(realConfig, file: "real.yaml") != nil)
    }

    @Test func readsEveryScalarStyle() throws {
        let fixture = MarkedText(
            """
            plain: 1️⃣some text
            single: 2️⃣'it''s'
            double: 3️⃣"tab\\there \\u00e9"
            literal: 4️⃣|
              line one
                indented
              line three
            folded: 5️⃣>-
              folded
              lines
            multi: 6️⃣first
              continued
            """
        )
        let root = try parse(fixture.text)
        let expected: [(String, String, Scalar.Style, String)] = [
            ("plain", "some text", .plain, "1️⃣"),
            ("single", "it's", .singleQuoted, "2️⃣"),
            ("double", "tab\there é", .doubleQuoted, "3️⃣"),
            ("literal", "line one\n  indented\nline three\n", .literal, "4️⃣"),
            ("folded", "folded lines", .folded, "5️⃣"),
            ("multi", "first continued", .plain, "6️⃣"),
        ]
        for (key, value, style, marker) in expected {
            let node = try #require(root.value(key))
            #expect(node.text == value, "\(key)")
            #expect(node.style == style, "\(key)")
            #expect(node.location == fixture.location(of: marker), "\(key) should start at the scalar")
        }
    }

    @Test func marksNodesInsideFlowCollections() throws {
        let fixture = MarkedText(
            """
            profiles: 1️⃣[Default Workspace, 2️⃣"Marketing", 3️⃣{name: 4️⃣x}]
            cert: 5️⃣{ alias: 6️⃣aem, validityDays: 7️⃣365 }
            """
        )
        let root = try parse(fixture.text)
        let profiles = try #require(root.value("profiles"))
        #expect(profiles.isFlow)
        #expect(profiles.location == fixture.location(of: "1️⃣"))
        #expect(profiles.items.map(\.text) == ["Default Workspace", "Marketing", nil])
        #expect(profiles.items[1].location == fixture.location(of: "2️⃣"))
        #expect(profiles.items[2].location == fixture.location(of: "3️⃣"))
        #expect(profiles.items[2].isFlow)
        #expect(profiles.items[2].value("name")?.location == fixture.location(of: "4️⃣"))
        let cert = try #require(root.value("cert"))
        #expect(cert.isFlow)
        #expect(cert.location == fixture.location(of: "5️⃣"))
        #expect(cert.value("alias")?.location == fixture.location(of: "6️⃣"))
        #expect(cert.value("validityDays")?.location == fixture.location(of: "7️⃣"))
        #expect(cert.endMark.line == 2 && cert.endMark.column > cert.mark.column)
        #expect(root.isFlow == false)
    }

    @Test func resolvesAliasesToCopiesWithTheAnchorsMarks() throws {
        let fixture = MarkedText(
            """
            a: &profiles 1️⃣[x, y]
            b: 2️⃣*profiles
            c: &name 3️⃣wknd
            d: *name
            """
        )
        let root = try parse(fixture.text)
        let anchored = try #require(root.value("a"))
        let alias = try #require(root.value("b"))
        #expect(alias == anchored)
        #expect(alias.items.map(\.text) == ["x", "y"])
        // The anchor's text begins at '&'; the node's first item is at 1️⃣.
        #expect(alias.mark.line == 1)
        #expect(alias.items[0].location.line == 1)
        #expect(root.value("d")?.text == "wknd")
        #expect(root.value("d")?.mark.line == fixture.location(of: "3️⃣")?.line)
        #expect(fixture.location(of: "2️⃣")?.line == 2)
    }

    @Test func appliesMergeKeysKeepingTheMergedPairsMarks() throws {
        let fixture = MarkedText(
            """
            defaults: &defaults
              1️⃣credential: oauth
              api: 2️⃣adobe-target
            other: &other
              3️⃣region: eu
              api: ignored
            single:
              <<: *defaults
              4️⃣credential: jwt
            several:
              <<: [*defaults, *other]
              name: x
            flow: {<<: *other, 5️⃣name: y}
            """
        )
        let root = try parse(fixture.text)
        let single = try #require(root.value("single"))
        #expect(single.keys == ["api", "credential"])
        #expect(single.value("credential")?.text == "jwt", "explicit keys win")
        #expect(single.pair("credential")?.key.location == fixture.location(of: "4️⃣"))
        #expect(single.value("api")?.location == fixture.location(of: "2️⃣"), "merged pairs keep their marks")

        let several = try #require(root.value("several"))
        #expect(several.keys == ["credential", "api", "region", "name"])
        #expect(several.value("api")?.text == "adobe-target", "earlier merge sources win")
        #expect(several.pair("credential")?.key.location == fixture.location(of: "1️⃣"))
        #expect(several.pair("region")?.key.location == fixture.location(of: "3️⃣"))

        let flow = try #require(root.value("flow"))
        #expect(flow.keys == ["region", "api", "name"])
        #expect(flow.pair("name")?.key.location == fixture.location(of: "5️⃣"))
    }

    @Test func mergedKeysAreNotDuplicates() throws {
        let root = try parse(
            """
            base: &base {a: 1, b: 2}
            m:
              <<: *base
              a: 3
              b: 4
            """
        )
        #expect(root.value("m")?.keys == ["a", "b"])
        #expect(root.value("m")?.value("a")?.text == "3")
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let root = try parse("'<<': {a: 1}\n")
        #expect(root.keys == ["<<"])
    }

    /// Found by the differential oracle: a quoted `'<<'` beside a merge key was refused as its duplicate
    /// (PyYAML merges and keeps the key "<<"), and only when the whole tree was built, not when streamed.
    @Test func quotedMergeKeyBesideAMergeKeyIsNotADuplicate() throws {
        let small = try parse("b: &b {x: 1}\nd: {<<: *b, '<<': 3.25}\n")
        #expect(small.value("d")?.keys == ["x", "<<"])
        #expect(small.value("d")?.value("<<")?.text == "3.25")
        // More than 16 pairs take the hashed path.
        let keys = (0..<20).map { "k\($0): \($0)" }.joined(separator: ", ")
        let large = try parse("b: &b {x: 1}\nd: {\(keys), \"<<\": q, <<: *b}\n")
        #expect(large.value("d")?.keys.count == 22)
        #expect(throws: YAMLError.self) { try parse("b: &b {x: 1}\nd: {\(keys), <<: *b, <<: *b}\n") }
        #expect(throws: YAMLError.self) { try parse("d: {'<<': 1, \"<<\": 2}\n") }
    }

    @Test func reportsTagsAsWritten() throws {
        let root = try parse("a: !!str 5\nb: !custom x\nc: 5\nd: !!map {x: 1}\n")
        #expect(root.value("a")?.tag == "!!str")
        #expect(root.value("a")?.text == "5")
        #expect(root.value("b")?.tag == "!custom")
        #expect(root.value("c")?.tag == nil)
        #expect(root.value("d")?.tag == "!!map")
    }

    @Test func countsColumnsInUnicodeScalarsAfterAByteOrderMark() throws {
        let fixture = MarkedText("\u{FEFF}1️⃣äöü: 2️⃣\"ß€😀\"\nnext: 3️⃣x\n")
        let root = try parse(fixture.text)
        #expect(root.keys == ["äöü", "next"])
        #expect(root.pair("äöü")?.key.location == .init(line: 1, column: 1), "the byte order mark is not a column")
        #expect(root.value("äöü")?.text == "ß€😀")
        #expect(root.value("äöü")?.location == .init(line: 1, column: 6))
        #expect(root.value("äöü")?.location == fixture.location(of: "2️⃣"))
        #expect(root.value("next")?.location == fixture.location(of: "3️⃣"))
    }

    @Test func acceptsBytesWithAndWithoutAByteOrderMark() throws {
        let text = "name: ß€😀\nport: 4502\n"
        let plain = try #require(try YAMLParser.parseSingleDocument(bytes: Array(text.utf8), file: "a.yaml"))
        let withBOM = try #require(
            try YAMLParser.parseSingleDocument(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), file: "a.yaml")
        )
        #expect(plain == withBOM)
        #expect(withBOM.value("port")?.location == .init(line: 2, column: 7))
        #expect(withBOM.value("name")?.text == "ß€😀")
    }

    @Test func handlesCRLFLineEndings() throws {
        let fixture = MarkedText("a: 1\r\nb:\r\n  - 1️⃣x\r\n  - |\r\n    lit\r\n    two\r\nc: 2️⃣y\r\n")
        let root = try parse(fixture.text)
        #expect(root.value("b")?.items.first?.location == fixture.location(of: "1️⃣"))
        #expect(root.value("b")?.items.last?.text == "lit\ntwo\n")
        #expect(root.value("c")?.location == fixture.location(of: "2️⃣"))
    }

    @Test func emptyInputHasNoDocument() throws {
        #expect(try YAMLParser.parseSingleDocument("", file: "e.yaml") == nil)
        #expect(try YAMLParser.parseSingleDocument("# only a comment\n\n", file: "e.yaml") == nil)
        #expect(try YAMLParser.parseSingleDocument(bytes: [0xEF, 0xBB, 0xBF], file: "e.yaml") == nil)
        #expect(try YAMLParser.parseDocuments("", file: "e.yaml").isEmpty)
    }

    @Test func emptyDocumentIsAnEmptyPlainScalar() throws {
        let root = try parse("---\n")
        #expect(root.text == "")
        #expect(root.style == .plain)
    }

    @Test func parsesSeveralDocumentsWhenAsked() throws {
        let documents = try YAMLParser.parseDocuments("a: &x 1\n---\nb: 2\n...\n--- [c]\n", file: "m.yaml")
        #expect(documents.count == 3)
        #expect(documents[1].value("b")?.location == .init(line: 3, column: 4))
        #expect(documents[2].items.first?.text == "c")
    }

    @Test func anchorsDoNotCrossDocuments() throws {
        #expect(throws: YAMLError.self) {
            try YAMLParser.parseDocuments("a: &x 1\n---\nb: *x\n", file: "m.yaml")
        }
    }

    @Test func parsesBytesThatAreNotContiguous() throws {
        let bytes = "a: [1, 2]\n".utf8.lazy.map { $0 }
        let root = try #require(try YAMLParser.parseSingleDocument(bytes: bytes, file: "l.yaml"))
        #expect(root.value("a")?.items.count == 2)
    }

    @Test func allowsAnAnchorToBeRedefined() throws {
        let root = try parse("a: &x 1\nb: &x 2\nc: *x\n")
        #expect(root.value("c")?.text == "2")
    }
}
