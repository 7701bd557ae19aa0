/// Why running a child process failed (a non-zero exit is a result, not an error).
public struct ChildProcessError: Error, CustomStringConvertible, Equatable {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// The child ran longer than allowed and was killed with SIGKILL.
        case timedOut
        /// The child exited before printing the expected line.
        case exitedBeforeLine
        /// The executable could not be started.
        case launchFailed
        /// A built product is missing.
        case productMissing
    }

    /// What went wrong.
    public let code: Code
    /// The whole message.
    public let description: String

    /// Creates an error.
    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// Equal by code only.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
