import AemconfTestSupport
import AemconfYAML
import Foundation
import Testing

/// `YAMLFile`: a file parsed from disk, read a block at a time when it is large, must give exactly what
/// parsing its bytes gives, errors and their positions included.
@Suite struct YAMLFileTests {
    /// A text well over the size that is read whole, so the block reader is what parses it.
    static func largeText(entries: Int = 12_000) -> String {
        var text = "# a large file\nx-defaults: &defaults {kind: bench, enabled: true}\nitems:\n"
        for index in 0..<entries {
            text +=
                "  item-\(index):\n    <<: *defaults\n    title: \"Item \(index) \\u00e9\"\n    note: |\n      line one of \(index)\n      line two\n"
        }
        return text
    }

    func write(_ bytes: [UInt8], _ body: (String) throws -> Void) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("config.yaml")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try body(path)
    }

    @Test func aLargeFileParsesAsItsBytesDo() throws {
        let text = Self.largeText()
        #expect(text.utf8.count > 1 << 20 + 100_000)
        try write(Array(text.utf8)) { path in
            let fromFile = try YAMLParser.parseSingleDocument(try YAMLFile(path: path))
            let fromBytes = try YAMLParser.parseSingleDocument(bytes: Array(text.utf8), file: path)
            #expect(fromFile == fromBytes)
            #expect(fromFile?.value("items")?.keys.count == 12_000)
        }
    }

    @Test func aLargeFileStreamsItsEntries() throws {
        let text = Self.largeText(entries: 10_000)
        try write(Array(text.utf8)) { path in
            var names: [String] = []
            let root = try YAMLParser.parseSingleDocument(try YAMLFile(path: path), streamingEntriesOf: ["items"]) {
                _, entry in
                names.append(entry.key.text ?? "")
            }
            #expect(names.count == 10_000)
            #expect(names.last == "item-9999")
            #expect(root?.value("items")?.keys == [])
        }
    }

    @Test func errorsNearTheEndOfALargeFileArePlacedExactly() throws {
        let text = Self.largeText()
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        // A syntax error on the last line, and a file without a final line break.
        let broken = text + "  bad: [unclosed"
        try write(Array(broken.utf8)) { path in
            let fileError = try #require(throws: YAMLError.self) {
                try YAMLParser.parseSingleDocument(try YAMLFile(path: path))
            }
            let bytesError = try #require(throws: YAMLError.self) {
                try YAMLParser.parseSingleDocument(bytes: Array(broken.utf8), file: path)
            }
            #expect(fileError.code == .syntax)
            #expect(fileError.mark == bytesError.mark)
            #expect(fileError.message == bytesError.message)
            #expect(fileError.mark.line == lineCount)
        }
        // Invalid UTF-8 deep in the file is a reader error placed by its byte offset.
        var bytes = Array(text.utf8)
        let offset = bytes.count - 10
        bytes[offset] = 0xFF
        try write(bytes) { path in
            let fileError = try #require(throws: YAMLError.self) {
                try YAMLParser.parseSingleDocument(try YAMLFile(path: path))
            }
            let bytesError = try #require(throws: YAMLError.self) {
                try YAMLParser.parseSingleDocument(bytes: bytes, file: path)
            }
            #expect(fileError.code == .invalidEncoding)
            #expect(fileError.mark == bytesError.mark)
            #expect(fileError.mark.line == lineCount - 1)
        }
    }

    @Test func smallAndEmptyFilesParseAsTheirBytesDo() throws {
        for text in ["", "\u{FEFF}", "# only a comment\n", "a: 1\nb: [x, y]\n", "---\n"] {
            try write(Array(text.utf8)) { path in
                let fromFile = try YAMLParser.parseSingleDocument(try YAMLFile(path: path))
                #expect(
                    fromFile == (try YAMLParser.parseSingleDocument(bytes: Array(text.utf8), file: path)),
                    "\(text.debugDescription)")
            }
        }
    }

    @Test func aMissingFileOrADirectoryCannotBeOpened() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = try #require(throws: YAMLFile.OpenError.self) {
            try YAMLFile(path: directory.path("missing.yaml"))
        }
        #expect(missing.reason == "No such file or directory")
        let isDirectory = try #require(throws: YAMLFile.OpenError.self) { try YAMLFile(path: directory.path) }
        #expect(isDirectory.reason == "Is a directory")
        #expect(isDirectory.description.contains(directory.path))
    }
}
