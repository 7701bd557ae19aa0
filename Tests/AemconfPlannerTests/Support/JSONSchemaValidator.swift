import AemconfTestSupport
import Foundation

/// Runs Python's `jsonschema` (Draft 2020-12), as `scripts/test` installs it, over JSON documents.
enum JSONSchemaValidator {
    /// Validates each document file against `schema`; status 0 when all are valid, else 1 and one line per error.
    /// Runs through the project's child-process runner, so waiting for Python never blocks the cooperative pool.
    static func run(schema: String, documents: [String]) async throws -> (status: Int32, text: String) {
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            failed = False
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path))):
                    failed = True
                    print(path, list(error.absolute_path), error.message)
            sys.exit(1 if failed else 0)
            """
        let result = try await ChildProcess.run(
            executable: "/usr/bin/env", arguments: ["python3", "-c", script, schema] + documents
        )
        return (result.status, result.standardOutput + result.standardError)
    }
}
