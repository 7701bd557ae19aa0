import AemconfModel
import Foundation
import Subprocess
import SystemPackage

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
        // The child's standard output and error go to pipes this runner reads on threads of its own (blocking
        // reads off the cooperative pool), not through swift-subprocess's AsyncIO: on a loaded machine its Linux
        // epoll reader sometimes delivered the end of a child's output a minute late (docs/sanitizers.md).
        let standardOutput = try OutputPipe()
        let standardError = try OutputPipe()
        let drained = DispatchGroup()
        standardOutput.drain(in: drained, into: output.appendOutput, atEnd: output.endOutput)
        standardError.drain(in: drained, into: output.appendError, atEnd: {})
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
                        output: .fileDescriptor(standardOutput.writeEnd, closeAfterSpawningProcess: true),
                        error: .fileDescriptor(standardError.writeEnd, closeAfterSpawningProcess: true)
                    ) { execution in
                        started.resume(with: .success(execution.processIdentifier.value))
                    }
                    let termination: ChildProcessResult.Termination =
                        switch outcome.terminationStatus {
                        case .exited(let code): .exited(code)
                        case .signaled(let signal): .signaled(signal)
                        }
                    // Every byte the child wrote is read before the result is handed out.
                    drained.notify(queue: .global()) { output.finish(.success(termination)) }
                } catch {
                    let failure = ChildProcessError(.launchFailed, "running '\(executable)' failed: \(error)")
                    started.resume(with: .failure(failure))
                    output.finish(.failure(failure))
                }
            }
        }
        return RunningChildProcess(pid: pid, executable: executable, output: output)
    }

    /// Sanitizer settings this process runs with, passed on to every child so that a sanitized test run checks its
    /// children under the same options (`scripts/sanitize` sets them; `detect_leaks=0` must reach an `aemconf`
    /// child too, or LeakSanitizer fails it for allocations meant to live as long as the process).
    static let sanitizerVariables = ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"]

    private static func environment(_ variables: [String: String]) -> Subprocess.Environment {
        var keyed: [Subprocess.Environment.Key: String] = [:]
        let inherited = ProcessInfo.processInfo.environment
        for name in sanitizerVariables {
            if let value = inherited[name], let key = Subprocess.Environment.Key(rawValue: name) { keyed[key] = value }
        }
        for (name, value) in variables {
            if let key = Subprocess.Environment.Key(rawValue: name) { keyed[key] = value }
        }
        return .custom(keyed)
    }
}

/// A pipe whose write end the child gets and whose read end this process drains on a thread of its own.
private struct OutputPipe: Sendable {
    let readEnd: Int32
    let writeEnd: FileDescriptor

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw ChildProcessError(.launchFailed, "pipe() failed: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        readEnd = ends[0]
        writeEnd = FileDescriptor(rawValue: ends[1])
    }

    /// Reads until end of file (every writer closed), handing each chunk to `chunk`, then calls `atEnd` and closes.
    func drain(
        in group: DispatchGroup, into chunk: @escaping @Sendable ([UInt8]) -> Void,
        atEnd: @escaping @Sendable () -> Void
    ) {
        let descriptor = readEnd
        group.enter()
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                chunk(Array(buffer[0..<count]))
            }
            close(descriptor)
            atEnd()
            group.leave()
        }
    }
}

/// Hands the child's pid (or the launch failure) to ``ChildProcess/start`` exactly once.
private final class StartSignal: Sendable {
    private let continuation = LockedState<CheckedContinuation<Int32, any Error>?>(nil)

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
