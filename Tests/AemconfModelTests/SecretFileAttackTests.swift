@testable import AemconfModel
import Foundation
import Testing

/// Finding 11 of the security review (config side): a `${file:…}` secret with no size cap (a planted
/// `${file:/dev/zero}` exhausts memory) and no warning for a file other users can read.
@Suite struct SecretFileAttackTests {
    @Test func devicesFIFOsAndOversizedFilesAreNotRead() throws {
        var warnings: [String] = []
        #expect(SecretResolver.readSecretFile("/dev/zero", warn: { warnings.append($0) }) == nil)
        let directory = NSTemporaryDirectory() + "aemconf-secret-file-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(mkfifo(directory + "/pipe", 0o600) == 0)
        #expect(SecretResolver.readSecretFile(directory + "/pipe", warn: { warnings.append($0) }) == nil)
        let big = directory + "/big"
        FileManager.default.createFile(atPath: big, contents: nil, attributes: [.posixPermissions: 0o600])
        #expect(truncate(big, off_t(SecretResolver.maximumFileSize + 1)) == 0)
        #expect(SecretResolver.readSecretFile(big, warn: { warnings.append($0) }) == nil)
        #expect(warnings.isEmpty)
    }

    @Test func aSecretFileOthersCanReadIsWarnedAbout() throws {
        let directory = NSTemporaryDirectory() + "aemconf-secret-file-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/token"
        FileManager.default.createFile(
            atPath: file, contents: Data("tok3n-value".utf8), attributes: [.posixPermissions: 0o644])
        var warnings: [String] = []
        #expect(SecretResolver.readSecretFile(file, warn: { warnings.append($0) }) == Data("tok3n-value".utf8))
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("chmod 600") == true)
        #expect(!(warnings.first?.contains("tok3n") ?? true))
        #expect(chmod(file, 0o600) == 0)
        warnings = []
        _ = SecretResolver.readSecretFile(file, warn: { warnings.append($0) })
        #expect(warnings.isEmpty)
    }
}
