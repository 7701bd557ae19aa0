import AemconfTestSupport
import Foundation
import Testing

/// `aemconf validate` through the built executable: exit codes, output streams, and robustness.
@Suite(.serialized) struct ValidateCommandBinaryTests {
    @Test func quickstartIsValid() async throws {
        let output = try await AemconfBinary.run(["validate", "examples/quickstart"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == "config 'examples/quickstart' is valid: 1 file, 3 resources\n")
        #expect(output.standardError.isEmpty)
    }

    @Test func badConfigExitsOneWithEveryError() async throws {
        let output = try await AemconfBinary.run(["validate", "examples/bad/aemconf.yaml", "--no-color"])
        #expect(output.status == 1)
        #expect(
            output.standardError.contains(
                """
                examples/bad/aemconf.yaml:14:5: error: unknown key 'clinetCode' in target cloud service 'wknd'; did you mean 'clientCode'?
                    clinetCode: wkndclient
                    ^
                """
            ))
        #expect(output.standardError.contains("examples/bad/aemconf.yaml:16:24: error: expected a boolean"))
        #expect(output.standardError.contains("password: (sensitive)\n"))
        #expect(!output.standardError.contains("admin123"))
        #expect(!output.standardError.contains("\u{1B}["))
        #expect(output.standardError.hasSuffix("aemconf: 10 errors and 1 warning\n"))
    }

    @Test func jsonOutputIsAnArrayOnStandardOutput() async throws {
        let output = try await AemconfBinary.run(["validate", "examples/bad/aemconf.yaml", "--json"])
        #expect(output.status == 1)
        let entries = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [[String: Any]]
        )
        #expect(entries.count == 11)
        let first = try #require(entries.first)
        #expect(Set(first.keys) == ["file", "line", "column", "severity", "code", "message"])
        #expect(first["file"] as? String == "examples/bad/aemconf.yaml")
        #expect(first["line"] as? Int == 5)
        #expect(first["column"] as? Int == 8)
        #expect(first["code"] as? String == "config.invalid-url")
        #expect(!output.standardOutput.contains("admin123"))
        let clean = try await AemconfBinary.run(["validate", "examples/multi-env", "--json"])
        #expect(clean.status == 0)
        #expect(clean.standardOutput.contains("\"severity\" : \"warning\""))
    }

    @Test func badCommandLineExits64() async throws {
        #expect(try await AemconfBinary.run(["validate", "no/such/path.yaml"]).status == 64)
        #expect(try await AemconfBinary.run(["validate", "--no-such-flag"]).status == 64)
        let missing = try await AemconfBinary.run(["validate", "no/such/path.yaml"])
        #expect(missing.standardError.contains("no such file or directory: 'no/such/path.yaml'"))
    }

    @Test func resolveSecretsReportsUnsetVariables() async throws {
        let unset = try await AemconfBinary.run(["validate", "examples/quickstart", "--resolve-secrets", "--json"])
        #expect(unset.status == 1)
        #expect(unset.standardOutput.contains("environment variable 'AEM_PASSWORD' is not set"))
        let set = try await AemconfBinary.run(
            ["validate", "examples/quickstart", "--resolve-secrets"],
            environment: ["AEM_PASSWORD": "x", "ADOBE_CONSOLE_TOKEN": "y"]
        )
        #expect(set.status == 0, "\(set.standardError)")
    }

    @Test func helpAndVersion() async throws {
        let help = try await AemconfBinary.run(["validate", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--resolve-secrets"))
        let version = try await AemconfBinary.run(["version"])
        #expect(version.status == 0)
        #expect(version.standardOutput.hasPrefix("aemconf "))
    }

    @Test func truncatedAndRandomBytesExitOneWithAPositionedError() async throws {
        let directory = NSTemporaryDirectory() + "aemconf-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = try Data(
            contentsOf: URL(fileURLWithPath: BuiltProduct.repositoryRoot + "/examples/quickstart/aemconf.yaml"))
        var generator = SystemRandomNumberGenerator()
        var inputs: [(String, Data)] = [
            ("truncated-quote.yaml", Data("version: 1\naem: {url: \"https://x".utf8)),
            ("binary.yaml", Data((0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) })),
            ("nul.yaml", Data([0x76, 0x3A, 0x00, 0xFF, 0xFE])),
            ("bom-only.yaml", Data([0xEF, 0xBB, 0xBF])),
        ]
        for cut in stride(from: 7, to: source.count, by: 97) {
            inputs.append(("cut-\(cut).yaml", source.prefix(cut)))
        }
        for (name, data) in inputs {
            let file = directory + "/" + name
            try data.write(to: URL(fileURLWithPath: file))
            let output = try await AemconfBinary.run(["validate", file, "--json", "--no-color"])
            // A cut that ends between two complete resources can be a valid (smaller) config: exit 0.
            // Anything else must be exit 1 with a positioned error; never a crash.
            if name.hasPrefix("cut-"), output.status == 0 { continue }
            #expect(output.status == 1, "\(name): \(output.status) \(output.standardError)")
            let entries = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [[String: Any]]
            let first = entries?.first { $0["severity"] as? String == "error" }
            #expect(first?["file"] as? String == file, "\(name)")
            #expect((first?["line"] as? Int ?? 0) >= 1 && (first?["column"] as? Int ?? 0) >= 1, "\(name)")
        }
    }
}
