import AemconfModel
import Foundation

/// An error from the state layer: a stable ``code`` plus a lower-case message with user values in single quotes.
///
/// Messages never contain a secret value; equality is by code, so tests compare with `==`.
public struct StateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A commit expected another serial: someone else wrote in between.
        case staleSerial = "state.stale-serial"
        /// Pushed state belongs to another lineage.
        case lineageMismatch = "state.lineage-mismatch"
        /// The named state is locked by another holder.
        case locked = "state.locked"
        /// No lock with that id.
        case lockNotFound = "state.lock-not-found"
        /// The lock's holder is alive; `--force` is needed.
        case lockAlive = "state.lock-alive"
        /// The lock this run held was taken over, broken or expired (or its session ended), so a write was refused.
        case leaseLost = "state.lease-lost"
        /// No resource at that address (or at that serial).
        case resourceNotFound = "state.resource-not-found"
        /// No intent with that id.
        case intentNotFound = "state.intent-not-found"
        /// A sealed value is needed but no state key was given.
        case stateKeyMissing = "state.key-missing"
        /// The given state key is malformed.
        case stateKeyInvalid = "state.key-invalid"
        /// A sealed value was sealed under another key.
        case wrongStateKey = "state.wrong-key"
        /// A sealed value failed authentication.
        case sealedValueCorrupt = "state.sealed-value-corrupt"
        /// A stored row could not be decoded.
        case corruptRow = "state.corrupt-row"
        /// The `--state` location is not understood.
        case invalidLocation = "state.invalid-location"
        /// A state file (pull/push format) is not understood.
        case unsupportedFormat = "state.unsupported-format"
        /// A pushed state file was refused: its MAC does not verify, a row is invalid, or a sealed value belongs
        /// to another state.
        case stateFileRejected = "state.file-rejected"
        /// The database failed.
        case storage = "state.storage"
    }

    /// The stable code.
    public let code: Code
    /// The human message, lower-case, without secrets.
    public let message: String
    /// For ``Code/locked``: who holds the lock.
    public let holder: LockInfo?

    /// Creates an error.
    public init(_ code: Code, _ message: String, holder: LockInfo? = nil) {
        self.code = code
        self.message = message
        self.holder = holder
    }

    /// The message.
    public var description: String { message }

    /// Equal by code only.
    public static func == (lhs: StateError, rhs: StateError) -> Bool { lhs.code == rhs.code }
}

extension StateError {
    /// A code-only value for comparisons in tests: `#expect(throws: StateError.staleSerial)`.
    public static let staleSerial = StateError(.staleSerial, "")
    /// Code-only value.
    public static let locked = StateError(.locked, "")
    /// Code-only value.
    public static let lockAlive = StateError(.lockAlive, "")
    /// Code-only value.
    public static let lockNotFound = StateError(.lockNotFound, "")
    /// Code-only value.
    public static let lineageMismatch = StateError(.lineageMismatch, "")
    /// Code-only value.
    public static let resourceNotFound = StateError(.resourceNotFound, "")
    /// Code-only value.
    public static let wrongStateKey = StateError(.wrongStateKey, "")
    /// Code-only value.
    public static let stateKeyMissing = StateError(.stateKeyMissing, "")
    /// Code-only value.
    public static let stateKeyInvalid = StateError(.stateKeyInvalid, "")
    /// Code-only value.
    public static let sealedValueCorrupt = StateError(.sealedValueCorrupt, "")
    /// Code-only value.
    public static let leaseLost = StateError(.leaseLost, "")
    /// Code-only value.
    public static let corruptRow = StateError(.corruptRow, "")
}

/// Every message of the state layer, produced in one place.
extension StateError {
    /// A commit expected `expected` but the state is at `actual`.
    public static func staleSerial(workspace: String, expected: Int64, actual: Int64) -> StateError {
        StateError(
            .staleSerial,
            "state '\(workspace)' is at serial \(actual), not \(expected): another writer committed in between; "
                + "load the state again and retry"
        )
    }

    /// The state is locked by `holder`.
    public static func locked(by holder: LockInfo) -> StateError {
        StateError(
            .locked,
            "state '\(holder.workspace)' is locked by \(holder.holderDescription); if that process is gone, run "
                + "'aemconf state unlock \(holder.id) --workspace \(holder.workspace)'",
            holder: holder
        )
    }

    /// The lock `id` is alive.
    public static func lockAlive(_ holder: LockInfo) -> StateError {
        StateError(
            .lockAlive,
            "lock '\(holder.id)' on state '\(holder.workspace)' is held by a live process: "
                + "\(holder.holderDescription); add '--force' to break it anyway",
            holder: holder
        )
    }

    /// No lock `id`.
    public static func lockNotFound(_ id: String) -> StateError {
        StateError(.lockNotFound, "no lock with id '\(id)'; run 'aemconf state lock list' to see the locks")
    }

    /// The lock `id` this run held on `workspace` is no longer held: a write was refused.
    public static func leaseLost(id: String, workspace: String) -> StateError {
        StateError(
            .leaseLost,
            "the lock '\(id)' on state '\(workspace)' held by this run was taken over or expired, so nothing more "
                + "will be written; run 'aemconf state lock list' to see who holds it, then run the command again"
        )
    }

    /// A stored row's address or kind is not a known resource address or kind.
    public static func corruptAddress(_ address: String, kind: String? = nil) -> StateError {
        if let kind {
            return StateError(
                .corruptRow,
                "the stored row '\(address)' has kind '\(kind)', which is not the kind of a resource address "
                    + "'<kind>.<name>' (kinds: \(ResourceKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")))"
            )
        }
        return StateError(
            .corruptRow,
            "the stored address '\(address)' is not a resource address '<kind>.<name>' (kinds: "
                + "\(ResourceKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")))"
        )
    }

    /// A write was asked of a store opened for reading only.
    public static func readOnly(_ operation: String) -> StateError {
        StateError(.storage, "\(operation): the state was opened read-only")
    }

    /// No resource at `address`.
    public static func resourceNotFound(_ address: ResourceAddress, workspace: String, serial: Int64? = nil)
        -> StateError
    {
        if let serial {
            return StateError(
                .resourceNotFound,
                "no version of resource '\(address)' at or before serial \(serial) in state '\(workspace)'"
            )
        }
        return StateError(.resourceNotFound, "no resource '\(address)' in state '\(workspace)'")
    }

    /// Storage failed while `operation`; `detail` must not contain values.
    public static func storage(_ operation: String, _ detail: String) -> StateError {
        StateError(.storage, "\(operation): \(detail)")
    }
}
