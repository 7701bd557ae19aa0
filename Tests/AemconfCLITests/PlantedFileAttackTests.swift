@testable import AemconfCLI
import AemconfModel
import AemconfTestSupport
import Foundation
import Testing

/// Finding 1 of the security review: a merge request plants a file in the config directory, CI runs
/// `aemconf validate`, and the log must not receive the CI environment, a credentials file, or hang.
@Suite struct PlantedFileAttackTests {
    func validate(_ path: String, json: Bool = false) throws -> ValidateCommand.Outcome {
        let command = try ValidateCommand.parse(json ? [path, "--json"] : [path])
        return command.execute(
            terminal: Terminal(usesColor: false), secretResolver: SecretResolver(environment: [:]) { _ in nil })
    }

    /// A directory holding a valid config and one planted extra file.
    func directory(planting plant: (String) throws -> Void) rethrows -> String {
        let directory = NSTemporaryDirectoryPath.make()
        let config = try? String(
            contentsOfFile: BuiltProduct.repositoryRoot + "/examples/quickstart/aemconf.yaml", encoding: .utf8)
        NSTemporaryDirectoryPath.write(Array((config ?? "").utf8), to: directory + "/aemconf.yaml")
        try plant(directory)
        return directory
    }

    @Test func symlinkToTheEnvironmentIsRefusedAndNothingOfItPrinted() throws {
        let directory = try directory {
            try FileManager.default.createSymbolicLink(
                atPath: $0 + "/zz.yaml", withDestinationPath: "/proc/self/environ")
        }
        defer { NSTemporaryDirectoryPath.remove(directory) }
        let environment = try String(contentsOfFile: "/proc/self/environ", encoding: .utf8)
        let someVariable = try #require(environment.split(separator: "\0").first { $0.contains("=") && $0.count > 8 })
        for json in [false, true] {
            let result = try validate(directory, json: json)
            #expect(result.exitCode == 1)
            let printed = result.standardOutput + result.standardError
            #expect(printed.contains("symbolic link"))
            #expect(!printed.contains(String(someVariable)))
            #expect(!printed.contains("PATH="))
        }
    }

    @Test func symlinkToACredentialsFileIsRefused() throws {
        let outside = NSTemporaryDirectoryPath.make()
        defer { NSTemporaryDirectoryPath.remove(outside) }
        // Parseable YAML, so following the link would quote it in an "unknown key" error.
        NSTemporaryDirectoryPath.write(
            Array("aws_secret_access_key: wJalrXUtnFEMI-K7MDENG\n".utf8), to: outside + "/credentials")
        let directory = try directory {
            try FileManager.default.createSymbolicLink(
                atPath: $0 + "/creds.yaml", withDestinationPath: outside + "/credentials")
        }
        defer { NSTemporaryDirectoryPath.remove(directory) }
        let result = try validate(directory)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("creds.yaml"))
        #expect(!result.standardError.contains("wJalrXUtnFEMI"))
        #expect(!result.standardError.contains("aws_secret_access_key"))
    }

    @Test func symlinkToDevZeroIsRefusedAtOnce() throws {
        let directory = try directory {
            try FileManager.default.createSymbolicLink(atPath: $0 + "/zero.yaml", withDestinationPath: "/dev/zero")
        }
        defer { NSTemporaryDirectoryPath.remove(directory) }
        let result = try validate(directory)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("symbolic link"))
    }

    @Test func namedDeviceIsRefused() throws {
        let result = try validate("/dev/zero")
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("not a regular file"))
    }

    @Test func fifoInADirectoryIsRefusedWithoutWaiting() throws {
        let directory = try directory { #expect(mkfifo($0 + "/pipe.yaml", 0o600) == 0) }
        defer { NSTemporaryDirectoryPath.remove(directory) }
        let result = try validate(directory)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("a FIFO, not a regular file"))
    }

    @Test func oversizedFileIsRefused() throws {
        let directory = NSTemporaryDirectoryPath.make()
        defer { NSTemporaryDirectoryPath.remove(directory) }
        let file = directory + "/huge.yaml"
        NSTemporaryDirectoryPath.write([], to: file)
        #expect(truncate(file, off_t(ConfigLoader.maximumFileSize + 1)) == 0)  // sparse: costs no disk
        let result = try validate(file)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("larger than \(ConfigLoader.maximumFileSize) bytes"))
    }

    @Test func lineWithControlCharactersIsNeverQuoted() throws {
        let directory = NSTemporaryDirectoryPath.make()
        defer { NSTemporaryDirectoryPath.remove(directory) }
        let file = directory + "/environ.yaml"
        NSTemporaryDirectoryPath.write(Array("CI_JOB_TOKEN=glcbt-s3cr3t\0HOME=/root\0".utf8), to: file)
        let result = try validate(file)
        #expect(result.exitCode == 1)
        #expect(!result.standardError.contains("glcbt-s3cr3t"))
        #expect(DiagnosticPrinter.isQuotable("key: value\twith tab"))
        #expect(!DiagnosticPrinter.isQuotable("key: \u{1B}[31mred"))
        #expect(!DiagnosticPrinter.isQuotable("bad \u{FFFD} text"))
    }
}
