import AemconfState
import Foundation

/// Writes new state keys to files: `state new-key` and the sandbox's own key.
enum StateKeyFile {
    /// Generates a key and writes its base64 to `path` (mode 0600, parent folders made); refuses an existing file.
    static func create(at path: String) throws -> StateKey {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StateError(.stateKeyInvalid, "'\(path)' already exists; remove it or choose another file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let key = StateKey.generate()
        let text = key.base64Secret.withRevealedValue { $0 } + "\n"
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw StateError(.stateKeyInvalid, "cannot write the state key file '\(path)'")
        }
        return key
    }
}
