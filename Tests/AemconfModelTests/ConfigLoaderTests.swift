import AemconfModel
import Foundation
import AemconfTestSupport
import Testing

@Suite struct ConfigLoaderTests {
    @Test(arguments: ["examples/quickstart", "examples/quickstart/aemconf.yaml", "examples/multi-env"])
    func examplesLoadWithoutErrors(_ example: String) throws {
        let result = ConfigLoader.load(path: Repository.root + "/" + example)
        #expect(!result.hasErrors, "\(result.diagnostics.map { "\($0.location.formatted): \($0.message)" })")
        let config = try #require(result.config)
        #expect(!config.targetCloudServices.isEmpty)
        #expect(!config.ioIntegrations.isEmpty)
    }

    @Test func multiEnvMergesFilesAndAppliesMergeKeys() throws {
        let result = ConfigLoader.load(path: Repository.root + "/examples/multi-env")
        let config = try #require(result.config)
        #expect(
            config.files.map { ($0 as NSString).lastPathComponent } == [
                "00-connections.yaml", "10-integrations.yaml", "20-prod.yaml", "30-stage.yaml",
            ])
        #expect(config.targetCloudServices.map(\.name) == ["wknd-prod", "wknd-stage"])
        #expect(
            config.ioIntegration(named: "target-prod")?.productProfiles == ["Default Workspace", "Marketing", "Mobile"])
        #expect(config.ioIntegration(named: "target-legacy")?.credential == .jwt)
        #expect(config.targetCloudService(named: "wknd-prod")?.tagManagement == .launch)
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(result.diagnostics.contains { $0.code == .deprecated })
    }

    @Test func nameDefinedTwiceAcrossFilesNamesBothPlaces() throws {
        let directory = try TemporaryConfigDirectory()
        defer { directory.remove() }
        let first = try directory.write(
            "a.yaml",
            """
            version: 1
            aem: {url: "https://a.example.com", username: admin, password: "${env:P}"}
            adobe: {imsOrg: 0123456789ABCDEF01234567@AdobeOrg, console: {token: "${env:T}", project: aem-target}}
            ioIntegrations:
              prod: {name: aem-target-prod}
            """
        )
        let second = try directory.write("b.yml", "version: 1\nioIntegrations:\n  prod: {name: aem-target-prod-2}\n")
        try directory.write("notes.txt", "not a config")
        let result = ConfigLoader.load(path: directory.path)
        #expect(result.files == [first, second])
        #expect(result.config == nil)
        let duplicate = try #require(result.diagnostics.first)
        #expect(duplicate.code == .duplicateName)
        #expect(duplicate.location == SourceLocation(file: second, line: 3, column: 3))
        #expect(
            duplicate.message
                == "io integration 'prod' is defined twice: here and at \(first):5:3; rename or remove one")
    }

    @Test func yamlErrorsInOneFileDoNotHideOthers() throws {
        let directory = try TemporaryConfigDirectory()
        defer { directory.remove() }
        let broken = try directory.write("a.yaml", "version: 1\nioIntegrations: [\n")
        let other = try directory.write(
            "b.yaml", "version: 1\nioIntegrations: {prod: {name: aem-target-prod, api: target}}\n")
        let result = ConfigLoader.load(path: directory.path)
        #expect(result.diagnostics.map(\.code) == [.yamlSyntax, .invalidValue])
        #expect(result.diagnostics.map(\.location.file) == [broken, other])
        #expect(result.diagnostics.first.map { $0.location.line >= 2 } == true)
    }

    @Test func parserErrorCodesAreKept() throws {
        let directory = try TemporaryConfigDirectory()
        defer { directory.remove() }
        let aliases = try directory.write("a.yaml", "version: 1\nioIntegrations: *nothing\n")
        let documents = try directory.write("b.yaml", "version: 1\n---\nversion: 1\n")
        let result = ConfigLoader.load(path: directory.path)
        #expect(result.diagnostics.map(\.code) == [.yamlAlias, .multipleDocuments])
        #expect(
            result.diagnostics.map(\.location) == [
                SourceLocation(file: aliases, line: 2, column: 17), SourceLocation(file: documents, line: 2, column: 1),
            ])
    }

    @Test func emptyDirectoryAndMissingPathAreErrors() throws {
        let directory = try TemporaryConfigDirectory()
        defer { directory.remove() }
        #expect(ConfigLoader.load(path: directory.path).diagnostics.map(\.code) == [.unreadableFile])
        #expect(ConfigLoader.load(path: directory.path + "/missing.yaml").diagnostics.map(\.code) == [.unreadableFile])
    }

    @Test func customAtJsMustExist() throws {
        let directory = try TemporaryConfigDirectory()
        defer { directory.remove() }
        let file = try directory.write(
            "aemconf.yaml",
            """
            version: 1
            aem: {url: "https://a.example.com", username: admin, password: "${env:P}"}
            adobe: {imsOrg: 0123456789ABCDEF01234567@AdobeOrg, console: {token: "${env:T}", project: aem-target}}
            ioIntegrations: {prod: {name: aem-target-prod}}
            imsConfigurations: {prod: {title: Prod, integration: prod}}
            targetCloudServices:
              wknd: {title: W, clientCode: w, imsConfiguration: prod, segmentSync: {}, customAtJs: js/at.js}
            """
        )
        let missing = ConfigLoader.load(path: file)
        #expect(missing.diagnostics.map(\.code) == [.missingFile])
        #expect(missing.diagnostics.first?.location == SourceLocation(file: file, line: 7, column: 88))
        try directory.write("js/at.js", "// at.js")
        let present = ConfigLoader.load(path: file)
        #expect(present.config?.targetCloudServices.first?.customAtJs == directory.path + "/js/at.js")
    }

    @Test func secretsAreResolvedOnlyWhenAsked() throws {
        let directory = try TemporaryConfigDirectory()
        defer { directory.remove() }
        let file = try directory.write(
            "aemconf.yaml",
            """
            version: 1
            aem: {url: "https://a.example.com", username: admin, password: "${env:AEMCONF_TEST_UNSET_PASSWORD}"}
            adobe: {imsOrg: 0123456789ABCDEF01234567@AdobeOrg, console: {token: "${file:token.txt}", project: aem-target}}
            """
        )
        #expect(!ConfigLoader.load(path: file).hasErrors)
        let empty = SecretResolver(environment: [:]) { _ in nil }
        let unresolved = ConfigLoader.load(path: file, options: .init(resolveSecrets: true, secretResolver: empty))
        #expect(unresolved.config == nil)
        #expect(
            unresolved.diagnostics.map(\.message) == [
                "cannot resolve '${env:AEMCONF_TEST_UNSET_PASSWORD}': environment variable 'AEMCONF_TEST_UNSET_PASSWORD' is not set",
                "cannot resolve '${file:\(directory.path)/token.txt}': secret file '\(directory.path)/token.txt' cannot be read",
            ])
        #expect(unresolved.diagnostics.map(\.location.column) == [64, 69])
        let resolver = SecretResolver(environment: ["AEMCONF_TEST_UNSET_PASSWORD": "pw"]) { _ in "token\n" }
        let resolved = ConfigLoader.load(path: file, options: .init(resolveSecrets: true, secretResolver: resolver))
        #expect(resolved.diagnostics.isEmpty)
        #expect(resolved.config != nil)
    }

    @Test(arguments: 0..<40)
    func truncatedAndRandomInputNeverCrashes(_ seed: Int) throws {
        let directory = try TemporaryConfigDirectory()
        defer { directory.remove() }
        let source = try String(contentsOfFile: Repository.root + "/examples/quickstart/aemconf.yaml", encoding: .utf8)
        var generator = SplitMix64(seed: UInt64(seed))
        var bytes = Array(source.utf8)
        if seed % 2 == 0 {
            bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
        } else {
            for _ in 0..<(1 + Int(generator.next() % 20)) {
                bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
        }
        let file = directory.path + "/aemconf.yaml"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let result = ConfigLoader.load(path: file)
        for diagnostic in result.diagnostics {
            #expect(diagnostic.location.file == file)
            #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
        }
        #expect(result.hasErrors || result.config != nil)
    }
}
