import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child started by ``ChildProcess/start(executable:arguments:environment:workingDirectory:input:)``, running
/// while the test reads its standard output line by line and signals it.
///
/// Both output streams are drained from the moment it starts, so a chatty child never blocks on a full pipe; what
/// the test has not read yet is kept. Waiting never blocks a thread of the cooperative pool.
public final class RunningChildProcess: Sendable {
    /// The child's process id.
    public let pid: Int32
    /// The executable, for messages.
    public let executable: String
    private let output: ChildProcessOutput

    init(pid: Int32, executable: String, output: ChildProcessOutput) {
        self.pid = pid
        self.executable = executable
        self.output = output
    }

    /// Whether the child has exited (or could not be run).
    public var hasExited: Bool { output.hasExited }

    /// Sends `signal` to the child, unless it has already exited.
    public func send(signal: Int32) {
        guard !output.hasExited else { return }
        kill(pid, signal)
    }

    /// The next standard output line not yet returned (without its newline), waiting for it; `nil` once the
    /// output has ended.
    public func nextLine() async -> String? {
        await output.nextLine()
    }

    /// Every complete standard output line printed so far, read or not.
    public var printedLines: [String] { output.lines }

    /// Reads lines until one satisfies `predicate` and returns it.
    ///
    /// - Throws: ``ChildProcessError/Code/exitedBeforeLine`` when the output ends first;
    ///   ``ChildProcessError/Code/timedOut`` after `timeout`, having killed the child with SIGKILL.
    public func waitForLine(
        timeout: Duration = .seconds(300),
        where predicate: (String) -> Bool
    ) async throws -> String {
        let watchdog = Watchdog(after: timeout) { [self] in send(signal: SIGKILL) }
        defer { watchdog.cancel() }
        while let line = await nextLine() {
            if predicate(line) { return line }
        }
        let result = try await waitForExit()
        if watchdog.fired {
            throw ChildProcessError(
                .timedOut,
                "'\(executable)' printed no expected line in \(timeout) and was killed; "
                    + "its last lines: \(printedLines.suffix(3))"
            )
        }
        throw ChildProcessError(
            .exitedBeforeLine,
            "'\(executable)' ended (\(result)) before printing the expected line; its last lines: \(printedLines.suffix(3))"
        )
    }

    /// Waits for the child to exit, with its output drained to the end.
    ///
    /// - Throws: when reading the output failed.
    public func waitForExit() async throws -> ChildProcessResult {
        try await output.result()
    }

    /// Waits for the child to exit, killing it with SIGKILL after `timeout`.
    ///
    /// - Throws: ``ChildProcessError/Code/timedOut`` when it had to be killed.
    public func waitForExit(timeout: Duration) async throws -> ChildProcessResult {
        let watchdog = Watchdog(after: timeout) { [self] in send(signal: SIGKILL) }
        let result = try await waitForExit()
        watchdog.cancel()
        if watchdog.fired {
            throw ChildProcessError(
                .timedOut,
                "'\(executable)' ran longer than \(timeout) and was killed with SIGKILL; it printed "
                    + "\(result.standardOutput.utf8.count) bytes of output (\(result))"
            )
        }
        return result
    }
}

/// Runs `action` once after a delay unless cancelled first, and remembers whether it did.
private final class Watchdog: Sendable {
    private let task: Task<Void, Never>
    private let firedFlag: FiredFlag

    init(after delay: Duration, _ action: @escaping @Sendable () -> Void) {
        let firedFlag = FiredFlag()
        self.firedFlag = firedFlag
        task = Task {
            guard (try? await Task.sleep(for: delay)) != nil else { return }
            firedFlag.set()
            action()
        }
    }

    /// Whether the delay ran out and `action` ran.
    var fired: Bool { firedFlag.isSet }

    func cancel() { task.cancel() }
}

/// A one-way flag shared with the watchdog's task.
private final class FiredFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .sequentiallyConsistent) }

    var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
}
