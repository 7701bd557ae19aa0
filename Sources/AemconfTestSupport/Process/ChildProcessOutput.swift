import AemconfModel

/// What a child has printed so far and how it ended, filled by the draining tasks and read by the test.
final class ChildProcessOutput: Sendable {
    private struct State {
        var standardOutput: [UInt8] = []
        var standardError: [UInt8] = []
        var partialLine: [UInt8] = []
        var lines: [String] = []
        var nextUnread = 0
        var outputEnded = false
        var lineWaiters: [CheckedContinuation<String?, Never>] = []
        var outcome: Result<ChildProcessResult.Termination, any Error>?
        var exitWaiters: [CheckedContinuation<Result<ChildProcessResult, any Error>, Never>] = []
    }

    private let state = LockedState(State())

    /// Whether the child has exited (or could not be run).
    var hasExited: Bool { state.withLock { $0.outcome != nil } }

    /// Every complete standard output line so far.
    var lines: [String] { state.withLock { $0.lines } }

    func appendOutput(_ bytes: [UInt8]) {
        let resumed = state.withLock { state -> [(CheckedContinuation<String?, Never>, String?)] in
            state.standardOutput.append(contentsOf: bytes)
            state.partialLine.append(contentsOf: bytes)
            while let newline = state.partialLine.firstIndex(of: UInt8(ascii: "\n")) {
                state.lines.append(String(decoding: state.partialLine[..<newline], as: UTF8.self))
                state.partialLine.removeSubrange(...newline)
            }
            return Self.handOutLines(&state)
        }
        for (waiter, line) in resumed { waiter.resume(returning: line) }
    }

    func appendError(_ bytes: [UInt8]) {
        state.withLock { $0.standardError.append(contentsOf: bytes) }
    }

    /// Standard output reached its end: a last unterminated line counts as a line.
    func endOutput() {
        let resumed = state.withLock { state -> [(CheckedContinuation<String?, Never>, String?)] in
            if !state.partialLine.isEmpty {
                state.lines.append(String(decoding: state.partialLine, as: UTF8.self))
                state.partialLine = []
            }
            state.outputEnded = true
            return Self.handOutLines(&state)
        }
        for (waiter, line) in resumed { waiter.resume(returning: line) }
    }

    /// The child exited, or running it failed; a second report is ignored.
    func finish(_ outcome: Result<ChildProcessResult.Termination, any Error>) {
        guard !hasExited else { return }
        endOutput()
        let (waiters, result) = state.withLock {
            state -> (
                [CheckedContinuation<Result<ChildProcessResult, any Error>, Never>],
                Result<ChildProcessResult, any Error>
            ) in
            if state.outcome != nil { return ([], Self.result(state)) }
            state.outcome = outcome
            defer { state.exitWaiters = [] }
            return (state.exitWaiters, Self.result(state))
        }
        for waiter in waiters { waiter.resume(returning: result) }
    }

    func nextLine() async -> String? {
        await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            let ready = state.withLock { state -> (String?, Bool) in
                if state.nextUnread < state.lines.count {
                    state.nextUnread += 1
                    return (state.lines[state.nextUnread - 1], true)
                }
                if state.outputEnded { return (nil, true) }
                state.lineWaiters.append(continuation)
                return (nil, false)
            }
            if ready.1 { continuation.resume(returning: ready.0) }
        }
    }

    func result() async throws -> ChildProcessResult {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<ChildProcessResult, any Error>, Never>) in
            let ready = state.withLock { state -> Result<ChildProcessResult, any Error>? in
                guard state.outcome != nil else {
                    state.exitWaiters.append(continuation)
                    return nil
                }
                return Self.result(state)
            }
            if let ready { continuation.resume(returning: ready) }
        }
        return try result.get()
    }

    /// Pairs waiting readers with unread lines, in order; at the end of output the rest get `nil`.
    private static func handOutLines(_ state: inout State) -> [(CheckedContinuation<String?, Never>, String?)] {
        var resumed: [(CheckedContinuation<String?, Never>, String?)] = []
        while !state.lineWaiters.isEmpty {
            if state.nextUnread < state.lines.count {
                resumed.append((state.lineWaiters.removeFirst(), state.lines[state.nextUnread]))
                state.nextUnread += 1
            } else if state.outputEnded {
                resumed.append((state.lineWaiters.removeFirst(), nil))
            } else {
                break
            }
        }
        return resumed
    }

    private static func result(_ state: State) -> Result<ChildProcessResult, any Error> {
        guard let outcome = state.outcome else {
            return .failure(ChildProcessError(.launchFailed, "the child has not finished"))
        }
        return outcome.map { termination in
            ChildProcessResult(
                termination: termination,
                standardOutput: String(decoding: state.standardOutput, as: UTF8.self),
                standardError: String(decoding: state.standardError, as: UTF8.self)
            )
        }
    }
}
