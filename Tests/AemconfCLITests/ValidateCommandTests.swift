@testable import AemconfCLI
import AemconfModel
import AemconfTestSupport
import ArgumentParser
import Testing

/// `validate` in-process: the outcome (streams and exit status) as a value.
@Suite struct ValidateCommandTests {
    func outcome(_ arguments: [String], environment: [String: String] = [:]) throws -> ValidateCommand.Outcome {
        let command = try ValidateCommand.parse(arguments)
        let resolver = SecretResolver(environment: environment) { _ in nil }
        return command.execute(terminal: Terminal(usesColor: false), secretResolver: resolver)
    }

    @Test func cleanConfigExitsZero() throws {
        let result = try outcome([BuiltProduct.repositoryRoot + "/examples/quickstart"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.hasSuffix("is valid: 1 file, 3 resources\n"))
    }

    @Test func errorsExitOne() throws {
        let result = try outcome([BuiltProduct.repositoryRoot + "/examples/bad"])
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("error: unknown key 'clinetCode'"))
    }

    @Test func resolvesSecretsOnlyWhenAsked() throws {
        let path = BuiltProduct.repositoryRoot + "/examples/quickstart"
        #expect(try outcome([path, "--resolve-secrets"]).exitCode == 1)
        #expect(
            try outcome([path, "--resolve-secrets"], environment: ["AEM_PASSWORD": "a", "ADOBE_CONSOLE_TOKEN": "b"])
                .exitCode == 0)
    }

    @Test func randomBytesInProcessGiveAPositionedError() throws {
        let directory = NSTemporaryDirectoryPath.make()
        defer { NSTemporaryDirectoryPath.remove(directory) }
        var generator = SplitMix64(seed: 0x5EED_0001)
        for index in 0..<20 {
            let bytes = (0..<(1 + index * 37)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let file = directory + "/\(index).yaml"
            NSTemporaryDirectoryPath.write(bytes, to: file)
            let result = try outcome([file, "--json"])
            #expect(result.exitCode == 1)
            #expect(result.standardOutput.contains("\"file\" : \"\(file)\""))
        }
    }

    @Test func unknownOptionIsAUsageError() {
        #expect(throws: (any Error).self) { try ValidateCommand.parse(["--bogus"]) }
        #expect(ValidateCommand.exitCode(for: ValidationError("x")).rawValue == 64)
    }
}
