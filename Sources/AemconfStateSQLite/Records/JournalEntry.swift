import AemconfModel
import AemconfState
import Foundation
import GRDB

/// A ``JournalWrite`` made ready for its transaction: its row encoded, its intent given an id and a time.
struct JournalEntry: Sendable {
    private enum Kind: Sendable {
        case intent(Intent)
        case commit(ResourceAddress, ResourceColumns?, clearingIntent: String?)
        case clear(id: String)
    }

    private let kind: Kind
    private let workspace: String
    private let now: Date
    /// What the write is, for its errors: it names the resource or intent.
    let operation: String

    /// Throws when the row cannot be encoded.
    init(_ write: JournalWrite, workspace: String, now: Date) throws {
        self.workspace = workspace
        self.now = now
        operation = Self.operation(write, workspace: workspace)
        switch write {
        case .openIntent(let address, let action, let remoteName):
            kind = .intent(
                Intent(
                    id: RandomUUID.lowercasedString(), address: address, action: action, remoteName: remoteName,
                    createdAt: now))
        case .commit(let change, let intent):
            switch change {
            case .put(let record):
                kind = .commit(record.address, try ResourceColumns(record: record), clearingIntent: intent)
            case .remove(let address): kind = .commit(address, nil, clearingIntent: intent)
            }
        case .clearIntent(let id):
            kind = .clear(id: id)
        }
    }

    /// What `write` is, for its errors.
    static func operation(_ write: JournalWrite, workspace: String) -> String {
        switch write {
        case .openIntent(let address, _, _): "writing intent for '\(address)'"
        case .commit(let change, _): "committing '\(change.address)' to state '\(workspace)'"
        case .clearIntent(let id): "clearing intent '\(id)'"
        }
    }

    /// Writes the entry; a commit is given `serial`.
    func apply(_ db: Database, serial: Int64, context: CommitContext) throws -> JournalWriteOutcome {
        switch kind {
        case .intent(let intent):
            try SQLiteStateStore.insertIntent(db, intent, workspace: workspace)
            return .opened(intent)
        case .commit(let address, let columns, let intent):
            try SQLiteStateStore.apply(
                db, workspace: workspace, address: address, columns: columns, serial: serial, context: context, now: now
            )
            if let intent { try SQLiteStateStore.deleteIntent(db, id: intent, workspace: workspace, mustExist: false) }
            return .committed(serial: serial)
        case .clear(let id):
            try SQLiteStateStore.deleteIntent(db, id: id, workspace: workspace, mustExist: true)
            return .cleared
        }
    }
}
