import Foundation

/// Runs the built `aemconf` executable (next to the test bundle in `.build/<triple>/debug/`).
enum AemconfBinary {
    /// The package root, from this file's path.
    static var repositoryRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }

    /// The executable: beside the test bundle first, then `.build/debug/aemconf`.
    static var path: String? {
        var candidates: [String] = []
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            candidates.append((bundle.bundlePath as NSString).deletingLastPathComponent + "/aemconf")
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent().path + "/aemconf")
        candidates.append(repositoryRoot + "/.build/debug/aemconf")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs `aemconf arguments…` in the repository root with `environment` added to a clean one.
    ///
    /// The blocking reads and the wait for the child run on a Dispatch thread, never on the cooperative pool
    /// that the other tests' async work (sandboxes, stores) needs: with two cores, two blocked cooperative
    /// threads would stall everything else.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(arguments, environment: environment) })
            }
        }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String]) throws -> Output {
        guard let path else {
            throw BinaryMissing()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        base.merge(environment) { $1 }
        process.environment = base
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let standardError = String(decoding: errData, as: UTF8.self)
        if standardError.contains("Asynchronous root command needs availability annotation") {
            throw SynchronousMainCalled()
        }
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: standardError
        )
    }

    /// In top-level code `await AemconfCommand.main()` resolves to ArgumentParser's synchronous `main()`,
    /// which refuses an async root command in debug builds; calling it from an `async` function fixes it.
    struct SynchronousMainCalled: Error, CustomStringConvertible {
        var description: String {
            "the aemconf executable called ArgumentParser's synchronous main(); Sources/aemconf/main.swift must call "
                + "'await AemconfCommand.main()' from inside an async function"
        }
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var description: String { "the aemconf executable is not built; run 'swift build --build-tests' first" }
    }
}
