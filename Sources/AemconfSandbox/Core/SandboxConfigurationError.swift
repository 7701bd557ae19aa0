/// A problem with how a sandbox was asked to start (options, seed or data file).
public struct SandboxConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable identifier of the kind of problem (`bad-fault`, `bad-seed`, `bad-data-file`, `bad-port`, `bind-failed`).
    public let code: String
    /// Lower-case message naming the user's value in single quotes.
    public let message: String

    /// The message.
    public var description: String { message }

    /// Equal by code only.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    /// A `--fault` specification that cannot be understood.
    public static func badFault(_ specification: String, reason: String) -> Self {
        .init(code: "bad-fault", message: "invalid fault '\(specification)': \(reason)")
    }

    /// A `--seed` file that cannot be read or decoded.
    public static func badSeed(_ path: String, reason: String) -> Self {
        .init(code: "bad-seed", message: "cannot load seed file '\(path)': \(reason)")
    }

    /// A `--data` file that cannot be read, decoded or written.
    public static func badDataFile(_ path: String, reason: String) -> Self {
        .init(code: "bad-data-file", message: "cannot use data file '\(path)': \(reason)")
    }

    /// A port outside `0...65532`.
    public static func badPort(_ port: Int) -> Self {
        .init(
            code: "bad-port",
            message: "invalid port '\(port)': expected 0 (ephemeral) or 1 to 65532 (four ports from N)")
    }

    /// A server that could not start.
    public static func startFailed(_ reason: String) -> Self {
        .init(code: "start-failed", message: "sandbox could not start: \(reason)")
    }
}
