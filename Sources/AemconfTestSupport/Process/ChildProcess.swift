import Foundation
import Subprocess
import Synchronization

/// The one way tests run other programs (the `aemconf` binary, the state probe, `psql`, `python3`, `openssl`),
/// built on swift-subprocess.
///
/// Standard output and standard error are drained concurrently from the start, so a child never blocks on a full
/// pipe, and waiting for the child never blocks a thread of the cooperative pool (other tests' sandboxes and
/// stores need those threads; the machine may have two).
public enum ChildProcess {
    /// Runs `executable` to completion and returns how it ended and what it printed.
    ///
    /// - Parameters:
    ///   - executable: The program's path.
    ///   - arguments: The arguments, without the program name.
    ///   - environment: The child's whole environment; `nil` inherits this process's.
    ///   - workingDirectory: The child's working directory; `nil` keeps this process's.
    ///   - input: Bytes fed to standard input, which then ends; `nil` gives an empty standard input.
    ///   - timeout: How long the child may run; past it, it is killed with SIGKILL.
    /// - Throws: ``ChildProcessError`` with ``ChildProcessError/Code/timedOut`` when the child had to be killed,
    ///   or ``ChildProcessError/Code/launchFailed``. A non-zero exit is a result, not an error.
    public static func run(
        executable: String,
        arguments: [String] = [],
        environment: [String: String]? = nil,
        workingDirectory: String? = nil,
        input: Data? = nil,
        timeout: Duration = .seconds(300)
    ) async throws -> ChildProcessResult {
        let child = try await start(
            executable: executable,
            arguments: arguments,
            environment: environment,
            workingDirectory: workingDirectory,
            input: input
        )
        return try await child.waitForExit(timeout: timeout)
    }

    /// Starts `executable` in the background and returns once it runs; see ``run(executable:arguments:environment:workingDirectory:input:timeout:)``
    /// for the parameters.
    ///
    /// The child keeps running until it exits or is signalled; always end with
    /// ``RunningChildProcess/waitForExit()`` (after ``RunningChildProcess/send(signal:)`` if it would not exit).
    public static func start(
        executable: String,
        arguments: [String] = [],
        environment: [String: String]? = nil,
        workingDirectory: String? = nil,
        input: Data? = nil
    ) async throws -> RunningChildProcess {
        let output = ChildProcessOutput()
        let started = StartSignal()
        let subprocessEnvironment = environment.map(Self.environment) ?? .inherit
        let bytes = Array(input ?? Data())
        let pid = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            started.set(continuation)
            Task {
                do {
                    let outcome = try await Subprocess.run(
                        .path(.init(executable)),
                        arguments: Arguments(arguments),
                        environment: subprocessEnvironment,
                        workingDirectory: workingDirectory.map { .init($0) },
                        input: .array(bytes),
                        output: .sequence,
                        error: .sequence
                    ) { execution in
                        started.resume(with: .success(execution.processIdentifier.value))
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask {
                                for try await buffer in execution.standardOutput {
                                    output.appendOutput(buffer.withUnsafeBytes { Array($0) })
                                }
                                output.endOutput()
                            }
                            group.addTask {
                                for try await buffer in execution.standardError {
                                    output.appendError(buffer.withUnsafeBytes { Array($0) })
                                }
                            }
                            try await group.waitForAll()
                        }
                    }
                    switch outcome.terminationStatus {
                    case .exited(let code): output.finish(.success(.exited(code)))
                    case .signaled(let signal): output.finish(.success(.signaled(signal)))
                    }
                } catch {
                    let failure = ChildProcessError(.launchFailed, "running '\(executable)' failed: \(error)")
                    started.resume(with: .failure(failure))
                    output.finish(.failure(failure))
                }
            }
        }
        ExitWatcher.watch(pid: pid, output: output)
        return RunningChildProcess(pid: pid, executable: executable, output: output)
    }

    private static func environment(_ variables: [String: String]) -> Subprocess.Environment {
        var keyed: [Subprocess.Environment.Key: String] = [:]
        for (name, value) in variables {
            if let key = Subprocess.Environment.Key(rawValue: name) { keyed[key] = value }
        }
        return .custom(keyed)
    }
}

/// Hands the child's pid (or the launch failure) to ``ChildProcess/start`` exactly once.
private final class StartSignal: Sendable {
    private let continuation = Mutex<CheckedContinuation<Int32, any Error>?>(nil)

    func set(_ continuation: CheckedContinuation<Int32, any Error>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(with result: Result<Int32, any Error>) {
        continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }?.resume(with: result)
    }
}
