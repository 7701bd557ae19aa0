import Foundation

/// Runs the built `aemconf` executable, in the repository root, through ``ChildProcess``.
public enum AemconfBinary {
    /// The executable, or `nil` when it is not built.
    public static var path: String? { BuiltProduct.path("aemconf") }

    /// Runs `aemconf arguments…` in the repository root with `environment` added to a clean one (only `PATH`).
    ///
    /// - Throws: ``ChildProcessError`` when the binary is missing or ran longer than `timeout`;
    ///   ``SynchronousMainCalled`` when the executable refused its async root command.
    public static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        input: Data? = nil,
        timeout: Duration = .seconds(300)
    ) async throws -> ChildProcessResult {
        let result = try await ChildProcess.run(
            executable: try BuiltProduct.require("aemconf"),
            arguments: arguments,
            environment: Self.environment(adding: environment),
            workingDirectory: BuiltProduct.repositoryRoot,
            input: input,
            timeout: timeout
        )
        if result.standardError.contains("Asynchronous root command needs availability annotation") {
            throw SynchronousMainCalled()
        }
        return result
    }

    /// Starts `aemconf arguments…` in the background, like ``run(_:environment:input:timeout:)``.
    public static func start(_ arguments: [String], environment: [String: String] = [:]) async throws
        -> RunningChildProcess
    {
        try await ChildProcess.start(
            executable: try BuiltProduct.require("aemconf"),
            arguments: arguments,
            environment: Self.environment(adding: environment),
            workingDirectory: BuiltProduct.repositoryRoot
        )
    }

    /// A clean environment: this process's `PATH`, plus `variables`.
    static func environment(adding variables: [String: String]) -> [String: String] {
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        base.merge(variables) { $1 }
        return base
    }

    /// In top-level code `await AemconfCommand.main()` resolves to ArgumentParser's synchronous `main()`,
    /// which refuses an async root command in debug builds; calling it from an `async` function fixes it.
    public struct SynchronousMainCalled: Error, CustomStringConvertible {
        /// The explanation and the fix.
        public var description: String {
            "the aemconf executable called ArgumentParser's synchronous main(); Sources/aemconf/main.swift must call "
                + "'await AemconfCommand.main()' from inside an async function"
        }
    }
}
