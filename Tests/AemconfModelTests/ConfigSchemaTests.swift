import AemconfModel
import AemconfTestSupport
import AemconfYAML
import Foundation
import Testing

/// `schemas/aemconf.schema.json` and the Swift model agree: the same objects, keys, required keys, value
/// shapes and enumerations; and every example validates with both.
@Suite struct ConfigSchemaTests {
    static let schemaPath = Repository.root + "/schemas/aemconf.schema.json"

    func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.schemaPath))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func definitions() throws -> [String: [String: Any]] {
        try #require(try schema()["$defs"] as? [String: [String: Any]])
    }

    /// The object the model calls `definition`: the top level for `root`, else `$defs[definition]`.
    func object(_ definition: String) throws -> [String: Any] {
        definition == "root" ? try schema() : try #require(try definitions()[definition], "no $defs.\(definition)")
    }

    func resolved(_ property: [String: Any]) throws -> [String: Any] {
        guard let reference = property["$ref"] as? String else { return property }
        let name = String(reference.dropFirst("#/$defs/".count))
        return try #require(try definitions()[name], "dangling \(reference)")
    }

    @Test func everyModelObjectHasTheSameKeysAsTheSchema() throws {
        for description in ConfigSchema.objects {
            let object = try object(description.definition)
            let properties = try #require(object["properties"] as? [String: [String: Any]])
            #expect(Set(properties.keys) == description.keys, "keys of \(description.definition)")
            #expect(
                Set(object["required"] as? [String] ?? []) == description.requiredKeys,
                "required keys of \(description.definition)")
            #expect(object["additionalProperties"] as? Bool == false, "\(description.definition) must be closed")
            let extensions = (object["patternProperties"] as? [String: Any])?["^x-"] != nil
            #expect(extensions == description.allowsExtensionKeys, "x- keys of \(description.definition)")
        }
    }

    @Test func everySchemaObjectIsAModelObject() throws {
        let objectDefinitions = try definitions().filter { $0.value["type"] as? String == "object" }.map(\.key)
        #expect(Set(objectDefinitions) == Set(ConfigSchema.objects.map(\.definition)).subtracting(["root"]))
    }

    @Test func valueShapesAndEnumerationsAgree() throws {
        for description in ConfigSchema.objects {
            let properties = try #require(try object(description.definition)["properties"] as? [String: [String: Any]])
            for field in description.fields {
                let property = try #require(properties[field.key])
                let where_ = "\(description.definition).\(field.key)"
                #expect((property["description"] as? String)?.isEmpty == false, "\(where_) has no description")
                let target = try resolved(property)
                switch field.shape {
                case .string:
                    #expect(target["type"] as? String == "string", "\(where_) is a string")
                case .boolean:
                    #expect(target["type"] as? String == "boolean", "\(where_) is a boolean")
                case .integer:
                    #expect(target["type"] as? String == "integer", "\(where_) is an integer")
                case .enumeration(let values):
                    #expect(target["enum"] as? [String] == values, "\(where_) enumerates \(values)")
                case .secretReference:
                    #expect(property["$ref"] as? String == "#/$defs/secretReference", "\(where_) is a secret reference")
                case .stringList:
                    let items = try resolved(try #require(target["items"] as? [String: Any]))
                    #expect(
                        target["type"] as? String == "array" && items["type"] as? String == "string",
                        "\(where_) is a list of strings")
                case .object(let definition):
                    #expect(property["$ref"] as? String == "#/$defs/\(definition)", "\(where_) is a \(definition)")
                case .map(let definition):
                    let values = try #require(target["additionalProperties"] as? [String: Any])
                    #expect(
                        target["type"] as? String == "object" && values["$ref"] as? String == "#/$defs/\(definition)",
                        "\(where_) maps names to \(definition)")
                }
            }
        }
    }

    @Test func everyKeyIsDocumented() throws {
        let docs = try String(contentsOfFile: Repository.root + "/docs/config.md", encoding: .utf8)
        for description in ConfigSchema.objects {
            for field in description.fields {
                #expect(
                    docs.contains("`\(field.key)`") || docs.contains(".\(field.key)`"),
                    "docs/config.md lacks '\(field.key)'")
            }
        }
        for code in DiagnosticCode.allCases {
            #expect(docs.contains("| `\(code.rawValue)` |"), "docs/config.md lacks the code '\(code.rawValue)'")
        }
    }

    static var exampleFiles: [String] {
        let root = Repository.root + "/examples"
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix("bad/") }
            .sorted()
            .map { root + "/" + $0 }
    }

    @Test func thereAreExamples() {
        #expect(Self.exampleFiles.count >= 5)
    }

    @Test func everyExampleFileValidatesAgainstTheSchema() async throws {
        let directory = NSTemporaryDirectory() + "aemconf-schema-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var jsonFiles: [String] = []
        for (index, file) in Self.exampleFiles.enumerated() {
            let root = try #require(
                try YAMLParser.parseSingleDocument(String(contentsOfFile: file, encoding: .utf8), file: file))
            let json = directory + "/\(index).json"
            try NodeJSON.data(root).write(to: URL(fileURLWithPath: json))
            jsonFiles.append(json)
        }
        let output = try await runJSONSchema(schema: Self.schemaPath, documents: jsonFiles)
        #expect(output.status == 0, "jsonschema: \(output.text)")
    }

    @Test func theSchemaRejectsWhatTheModelRejects() async throws {
        let directory = NSTemporaryDirectory() + "aemconf-schema-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bad = [
            "version: 1\ntargetCloudServices: {wknd: {title: W, clientCode: w, imsConfiguration: p, accurateTargeting: \"yes\"}}",
            "version: 1\naem: {url: \"https://a.example.com\", username: admin, password: hunter2}",
            "version: 1\nioIntegrations: {prod: {name: aem-target-prod, credential: jwt}}",
            "version: 1\nimsConfigurations: {prod: {title: P, integratoin: prod}}",
        ]
        for (index, text) in bad.enumerated() {
            let root = try #require(try YAMLParser.parseSingleDocument(text, file: "bad.yaml"))
            let json = directory + "/\(index).json"
            try NodeJSON.data(root).write(to: URL(fileURLWithPath: json))
            let output = try await runJSONSchema(schema: Self.schemaPath, documents: [json])
            #expect(output.status == 1, "schema accepted: \(text)")
            #expect(ConfigFixture.decode(text).hasErrors, "model accepted: \(text)")
        }
    }

    /// Runs Python's `jsonschema` (Draft 2020-12) over `documents`; status 0 when all are valid.
    func runJSONSchema(schema: String, documents: [String]) async throws -> (status: Int32, text: String) {
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema)
            failed = False
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path))):
                    failed = True
                    print(path, list(error.absolute_path), error.message)
            sys.exit(1 if failed else 0)
            """
        let result = try await ChildProcess.run(
            executable: "/usr/bin/env",
            arguments: ["python3", "-c", script, schema] + documents
        )
        return (result.status, result.standardOutput + result.standardError)
    }
}
