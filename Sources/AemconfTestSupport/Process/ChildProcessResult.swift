/// How a finished child ended, with everything it printed.
public struct ChildProcessResult: Sendable, CustomStringConvertible {
    /// How the child ended.
    public enum Termination: Sendable, Equatable {
        /// It exited with this code.
        case exited(Int32)
        /// It was killed by this signal.
        case signaled(Int32)
    }

    /// How the child ended.
    public var termination: Termination
    /// Everything written to standard output, decoded as UTF-8.
    public var standardOutput: String
    /// Everything written to standard error, decoded as UTF-8.
    public var standardError: String

    /// Creates a result.
    public init(termination: Termination, standardOutput: String, standardError: String) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// The exit code, or 128 + signal when a signal killed the child (as a shell reports it).
    public var status: Int32 {
        switch termination {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }

    /// The signal that killed the child, or `nil` when it exited.
    public var signal: Int32? {
        if case .signaled(let signal) = termination { return signal }
        return nil
    }

    /// Whether a signal killed the child.
    public var wasKilledBySignal: Bool { signal != nil }

    /// The termination and the last lines of standard error, for test failure messages.
    public var description: String {
        let errors = standardError.split(separator: "\n").suffix(5).joined(separator: "\n")
        return "\(termination)" + (errors.isEmpty ? "" : ", standard error ends with:\n\(errors)")
    }
}
