import AemconfTestSupport
import AemconfYAML
import Testing

/// `YAMLParser.parseSingleDocument(bytes:file:streamingEntriesOf:to:)`: the entries of chosen top-level
/// mappings go to a callback as they are parsed, and the rest of the tree is as a whole parse gives it.
@Suite struct StreamingParserTests {
    /// What one streaming parse gave: the entries received (top-level key and entry) and the tree.
    struct Streamed {
        var entries: [(collection: String, entry: Pair)] = []
        var root: Node?
    }

    func stream(_ text: String, collections: Set<String> = ["items", "more"]) throws -> Streamed {
        var streamed = Streamed()
        streamed.root = try YAMLParser.parseSingleDocument(
            bytes: Array(text.utf8),
            file: "aemconf.yaml",
            streamingEntriesOf: collections
        ) { collection, entry in
            streamed.entries.append((collection.text ?? "?", entry))
        }
        return streamed
    }

    @Test func entriesArriveInOrderAsTheWholeParseHasThemAndLeaveTheTree() throws {
        let text = """
            version: 1
            items:
              a: {x: 1}
              b:
                y: [1, 2]
            other:
              c: 3
            more:
              d: plain
            """
        let whole = try parse(text)
        let streamed = try stream(text)
        #expect(streamed.entries.map(\.collection) == ["items", "items", "more"])
        #expect(streamed.entries.map { $0.entry.key.text } == ["a", "b", "d"])
        // Each entry is exactly the pair the whole parse has, marks included.
        #expect(streamed.entries[0].entry == whole.value("items")?.pairs?[0])
        #expect(streamed.entries[1].entry == whole.value("items")?.pairs?[1])
        #expect(streamed.entries[2].entry == whole.value("more")?.pairs?[0])
        let root = try #require(streamed.root)
        #expect(root.keys == ["version", "items", "other", "more"])
        #expect(root.value("items")?.pairs?.isEmpty == true)
        #expect(root.value("items")?.location == whole.value("items")?.location)
        #expect(root.value("other") == whole.value("other"))
    }

    @Test func mergedEntriesStayInTheTreeAndExplicitEntriesWin() throws {
        let text = """
            x-shared: &shared
              a: {from: merge}
              b: {from: merge}
            items:
              <<: *shared
              a: {from: explicit}
              c: {from: explicit}
            """
        let streamed = try stream(text)
        #expect(streamed.entries.map { $0.entry.key.text } == ["a", "c"])
        let kept = try #require(streamed.root?.value("items")?.pairs)
        #expect(kept.map(\.key.text) == ["b"])
        #expect(kept.first?.value.value("from")?.text == "merge")
    }

    @Test func aDuplicateStreamedKeyIsAnErrorAtTheSecond() throws {
        let fixture = MarkedText("items:\n  a: 1\n  b: 2\n  1️⃣a: 3\n")
        do {
            _ = try stream(fixture.text)
            Issue.record("expected a duplicate-key error")
        } catch let error as YAMLError {
            #expect(error.code == .duplicateKey)
            #expect(MarkedText.Location(line: error.mark.line, column: error.mark.column) == fixture.location(of: "1️⃣"))
            #expect(error.relatedMark?.line == 2)
        }
    }

    @Test func anAnchoredCollectionIsNotStreamed() throws {
        let text = "items: &all\n  a: 1\ncopy: *all\n"
        let streamed = try stream(text)
        #expect(streamed.entries.isEmpty)
        #expect(streamed.root == (try parse(text)))
    }

    @Test func anAliasedEntryValueIsStreamedWhole() throws {
        let text = "x-base: &base {k: v}\nitems:\n  a: *base\n"
        let streamed = try stream(text)
        #expect(streamed.entries.count == 1)
        #expect(streamed.entries.first?.entry.value.value("k")?.text == "v")
    }

    @Test func onlyTopLevelMappingsOfAMappingRootAreStreamed() throws {
        let nested = "other:\n  items:\n    a: 1\n"
        #expect(try stream(nested).entries.isEmpty)
        #expect(try stream(nested).root == (try parse(nested)))
        let sequenceRoot = "- items:\n    a: 1\n"
        #expect(try stream(sequenceRoot).entries.isEmpty)
        let sequenceCollection = "items: [a, b]\n"
        #expect(try stream(sequenceCollection).entries.isEmpty)
        #expect(try stream(sequenceCollection).root == (try parse(sequenceCollection)))
        let flow = "{items: {a: 1, b: 2}}"
        #expect(try stream(flow).entries.map { $0.entry.key.text } == ["a", "b"])
    }

    @Test func whatTheCallbackThrowsEndsTheParse() throws {
        struct Stop: Error {}
        var received = 0
        #expect(throws: Stop.self) {
            _ = try YAMLParser.parseSingleDocument(
                bytes: Array("items: {a: 1, b: 2, c: 3}".utf8), file: "f.yaml", streamingEntriesOf: ["items"]
            ) { _, _ in
                received += 1
                if received == 2 { throw Stop() }
            }
        }
        #expect(received == 2)
    }

    @Test func aSecondDocumentIsStillRejected() throws {
        do {
            _ = try stream("items: {a: 1}\n---\nitems: {b: 2}\n")
            Issue.record("expected an error")
        } catch let error as YAMLError {
            #expect(error.code == .multipleDocuments)
        }
    }
}
