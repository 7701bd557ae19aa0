import Foundation

/// Where the package's built executables are, for tests that run them (`aemconf`, `aemconf-state-probe`).
public enum BuiltProduct {
    /// The package root, from this file's path.
    public static var repositoryRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }

    /// The path of the built executable `name`, or `nil` when it is not built.
    ///
    /// Looks beside the test bundle first, then beside the test runner and its parents, then in `.build/debug`.
    public static func path(_ name: String) -> String? {
        var candidates: [String] = []
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            candidates.append((bundle.bundlePath as NSString).deletingLastPathComponent + "/" + name)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<3 {
            candidates.append(directory.appendingPathComponent(name).path)
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(repositoryRoot + "/.build/debug/" + name)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The path of the built executable `name`.
    ///
    /// - Throws: ``ChildProcessError/Code/productMissing`` naming the build command to run.
    public static func require(_ name: String) throws -> String {
        guard let path = path(name) else {
            throw ChildProcessError(
                .productMissing,
                "'\(name)' is not built next to the tests; run 'swift build --build-tests' first"
            )
        }
        return path
    }
}
