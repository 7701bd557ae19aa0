import AemconfModel
import Foundation

/// One version of one resource row: what a commit wrote (or that it removed the row).
public struct HistoryEntry: Sendable, Hashable, Codable {
    /// What the commit did to the row.
    public enum Action: String, Sendable, Hashable, Codable {
        /// The row was written.
        case put
        /// The row was removed.
        case remove
    }

    /// The serial the commit produced.
    public var serial: Int64
    /// The resource address.
    public var address: ResourceAddress
    /// What happened.
    public var action: Action
    /// The row as written; `nil` for ``Action/remove``.
    public var record: ResourceRecord?
    /// When.
    public var committedAt: Date
    /// Who (`user@host`).
    public var author: String
    /// The command that committed.
    public var command: String

    /// Creates an entry.
    public init(
        serial: Int64,
        address: ResourceAddress,
        action: Action,
        record: ResourceRecord?,
        committedAt: Date,
        author: String,
        command: String
    ) {
        self.serial = serial
        self.address = address
        self.action = action
        self.record = record
        self.committedAt = committedAt
        self.author = author
        self.command = command
    }
}
