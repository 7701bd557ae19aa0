import AemconfModel
import AemconfTestSupport
import Foundation
import Testing

/// `ConfigDecoder.add(yaml:file:)` decodes resource entries while the file is parsed; it must give what
/// decoding the whole tree gives, and take back what a file that fails to parse had added.
@Suite struct StreamingDecodeTests {
    /// Every marked-position fixture: streaming and whole-tree decoding give the same diagnostics.
    @Test(arguments: DiagnosticPositionTests.cases)
    func positionFixturesDecodeTheSameBothWays(_ testCase: DiagnosticPositionTests.Case) {
        let text = MarkedText(testCase.yaml).text
        let files =
            testCase.withConnections
            ? [("connections.yaml", ConfigFixture.connections), (ConfigFixture.file, text)]
            : [(ConfigFixture.file, text)]
        expectSameResult(files)
    }

    /// Every file under `examples/`, and each example directory as a whole.
    @Test func examplesDecodeTheSameBothWays() throws {
        let examples = Repository.root + "/examples"
        for directory in try FileManager.default.contentsOfDirectory(atPath: examples).sorted() {
            let path = examples + "/" + directory
            let names = try FileManager.default.contentsOfDirectory(atPath: path).filter {
                $0.hasSuffix(".yaml") || $0.hasSuffix(".yml")
            }.sorted()
            let files = try names.map {
                ("\(path)/\($0)", try String(contentsOfFile: "\(path)/\($0)", encoding: .utf8))
            }
            #expect(!files.isEmpty, "\(directory) has YAML files")
            expectSameResult(files)
        }
    }

    @Test func mergedCollectionEntriesAndAliasesDecodeTheSameBothWays() {
        let text = """
            x-more: &more
              merged: {name: aem-target-merged}
              prod: {name: never-used}
            x-stage: &stage {name: aem-target-stage}
            ioIntegrations:
              <<: *more
              prod: {name: aem-target-prod}
              stage: *stage
              Bad_Name: {name: aem-target-bad, productProfiles: []}
            """
        expectSameResult([("connections.yaml", ConfigFixture.connections), (ConfigFixture.file, text)])
        let result = ConfigFixture.decode(text)
        #expect(result.diagnostics.contains { $0.message.contains("Bad_Name") })
    }

    @Test func aFileThatFailsToParseAddsNothingButItsYAMLError() throws {
        // The first entries of `broken.yaml` are decoded before its syntax error is reached; they must not
        // survive: no resources, no diagnostics of theirs, no claim on their unique names.
        let broken = """
            ioIntegrations:
              prod: {name: aem-target-prod}
              stage: {name: Not A Valid Name}
              third: {name: aem-target-third
            """
        let fixed = """
            version: 1
            ioIntegrations:
              prod: {name: aem-target-prod}
            imsConfigurations:
              prod: {title: Prod, integration: prod}
            """
        let result = ConfigFixture.decode([
            ("connections.yaml", ConfigFixture.connections), ("broken.yaml", broken), ("fixed.yaml", fixed),
        ])
        #expect(result.diagnostics.map(\.code) == [.yamlSyntax], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.location.file == "broken.yaml")
        let wholeTree = ConfigFixture.decode(
            [("connections.yaml", ConfigFixture.connections), ("broken.yaml", broken), ("fixed.yaml", fixed)],
            reading: .wholeTree)
        #expect(result.diagnostics == wholeTree.diagnostics)
        // Without the broken file the same decoder state gives a clean config: nothing was left claimed.
        let clean = ConfigFixture.decode([("connections.yaml", ConfigFixture.connections), ("fixed.yaml", fixed)])
        #expect(clean.diagnostics.isEmpty, "\(clean.diagnostics)")
    }

    @Test func aDuplicateEntryKeyIsTheYAMLErrorAlone() {
        let text = """
            ioIntegrations:
              prod: {name: aem-target-prod}
              other: {name: BAD NAME}
              prod: {name: aem-target-again}
            """
        let result = ConfigFixture.decode(text)
        #expect(result.diagnostics.map(\.code) == [.duplicateKey], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.location.line == 4)
        expectSameResult([("connections.yaml", ConfigFixture.connections), (ConfigFixture.file, text)])
    }

    private func expectSameResult(
        _ files: [(String, String)], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let streamed = ConfigFixture.decode(files.map { (name: $0.0, text: $0.1) })
        let whole = ConfigFixture.decode(files.map { (name: $0.0, text: $0.1) }, reading: .wholeTree)
        #expect(streamed.diagnostics == whole.diagnostics, sourceLocation: sourceLocation)
        #expect(streamed.config == whole.config, sourceLocation: sourceLocation)
        #expect(Set(streamed.sensitiveRanges) == Set(whole.sensitiveRanges), sourceLocation: sourceLocation)
        #expect(streamed.files == whole.files, sourceLocation: sourceLocation)
    }
}

/// `ConfigLoader` reads a file larger than what is read whole a block at a time.
@Suite struct LargeFileLoadTests {
    static func largeConfig(groups: Int) -> String {
        var text =
            ConfigFixture.connections
            + "\nx-target: &target {authentication: ims, apiType: rest, accurateTargeting: true}\nioIntegrations:\n"
        for group in 0..<groups {
            text +=
                "  int-\(group):\n    name: aem-target-\(group)\n    description: |\n      Integration \(group), padded so the file grows past the block-reading size.\n"
        }
        text += "imsConfigurations:\n"
        for group in 0..<groups {
            text += "  ims-\(group): {title: 'IMS \(group)', integration: int-\(group)}\n"
        }
        text += "targetCloudServices:\n"
        for group in 0..<groups {
            text +=
                "  site-\(group):\n    <<: *target\n    title: \"Site \(group)\"\n    clientCode: client\(group)\n    imsConfiguration: ims-\(group)\n"
            text += "    segmentSync: {mode: aemconf, workspaces: [Default Workspace], prune: false, maxDeletes: 10}\n"
        }
        return text
    }

    @Test func aLargeFileLoadsAsDecodingItsWholeTreeDoes() throws {
        let text = Self.largeConfig(groups: 4_000)
        #expect(text.utf8.count > 1 << 20)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("aemconf.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = ConfigLoader.load(path: path)
        let whole = ConfigFixture.decode([(name: path, text: text)], reading: .wholeTree)
        #expect(loaded.diagnostics == whole.diagnostics)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.prefix(3))")
        #expect(loaded.config == whole.config)
        #expect(loaded.config?.targetCloudServices.count == 4_000)
    }
}
