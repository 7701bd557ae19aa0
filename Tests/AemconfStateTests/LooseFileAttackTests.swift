import AemconfState
import AemconfStateSQLite
import Foundation
import Testing

/// Finding 11 of the security review (state side): files that other users of the machine could read.
@Suite struct LooseFileAttackTests {
    func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "aemconf-loose-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test func aWorldReadableDatabaseIsTightenedBeforeItsWALAndSHMFilesAreCreated() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.db"
        let first = try SQLiteStateStore(path: path)
        _ = try await first.load()
        try await first.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        #expect(chmod(path, 0o644) == 0)
        let store = try SQLiteStateStore(path: path)
        _ = try await store.load()
        #expect(mode(path) == 0o600)
        let companions = ["-wal", "-shm"].map { path + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        #expect(!companions.isEmpty)
        for file in companions { #expect(mode(file) == 0o600, "\(file)") }
        try await store.close()
    }

    @Test func aPassphraseIsRefusedAsARawKey() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/state.key"
        FileManager.default.createFile(
            atPath: file, contents: Data("correct horse battery staple 123".utf8),
            attributes: [.posixPermissions: 0o600])
        let error = try #require(throws: StateError.self) { try StateKey.load(keyFile: file, environment: [:]) }
        #expect("\(error)".contains("passphrase"))
        // 32 random bytes are still a raw key.
        var bytes = Data(repeating: 0, count: 32)
        bytes[0] = 0x01
        FileManager.default.createFile(atPath: file, contents: bytes, attributes: [.posixPermissions: 0o600])
        #expect(try StateKey.load(keyFile: file, environment: [:]) != nil)
    }

    @Test func aKeyFileOthersCanReadIsWarnedAbout() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/state.key"
        FileManager.default.createFile(
            atPath: file, contents: Data(StateKey.generate().base64Secret.withRevealedValue { $0 }.utf8),
            attributes: [.posixPermissions: 0o644])
        #expect(StateKey.permissionWarning(keyFile: file)?.contains("chmod 600") == true)
        #expect(chmod(file, 0o600) == 0)
        #expect(StateKey.permissionWarning(keyFile: file) == nil)
    }
}
