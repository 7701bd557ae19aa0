import Foundation

/// Unique temporary directories for in-process tests.
enum NSTemporaryDirectoryPath {
    static func make() -> String {
        let path = NSTemporaryDirectory() + "aemconf-cli-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ bytes: [UInt8], to file: String) {
        FileManager.default.createFile(atPath: file, contents: Data(bytes))
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
