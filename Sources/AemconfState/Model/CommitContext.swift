import Foundation

/// Who made a commit and with which command; kept in history.
public struct CommitContext: Sendable, Hashable, Codable {
    /// `user@host`.
    public var author: String
    /// The command, e.g. `apply` or `state rm`.
    public var command: String

    /// Creates a context.
    public init(author: String, command: String) {
        self.author = author
        self.command = command
    }

    /// The current user and host running `command`.
    public static func current(command: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> CommitContext
    {
        let request = LockRequest.current(operation: command, environment: environment)
        return CommitContext(author: "\(request.user)@\(request.host)", command: command)
    }
}
