import AemconfModel

/// One write of an apply's journal: an intent before a remote step, or the commit that ends the step.
///
/// ``StateStore/writeJournal(_:expectingSerial:lease:context:)`` takes several, so that writes arriving while another is on
/// its way to disk share one transaction and one disk sync (group commit).
public enum JournalWrite: Sendable, Hashable {
    /// Opens an intent, as ``StateStore/openIntent(address:action:remoteName:lease:)``.
    case openIntent(address: ResourceAddress, action: Intent.Action, remoteName: String)
    /// Commits one resource step, as ``StateStore/commit(_:expectingSerial:lease:context:clearingIntent:)``.
    case commit(ResourceChange, clearingIntent: String?)
    /// Clears an intent, as ``StateStore/clearIntent(id:lease:)``.
    case clearIntent(id: String)

    /// Whether the write must be on disk before it is acknowledged: an intent (and clearing one) is; a commit is
    /// made durable by the next synced write (its intent is already on disk, so a machine crash that takes it back
    /// leaves an object the next run adopts by name).
    public var needsSync: Bool { !isCommit }

    /// Whether the write commits a resource (and so expects a serial and writes a version).
    public var isCommit: Bool {
        if case .commit = self { return true }
        return false
    }
}

/// What one ``JournalWrite`` did.
public enum JournalWriteOutcome: Sendable, Hashable {
    /// The intent written.
    case opened(Intent)
    /// The serial the commit produced.
    case committed(serial: Int64)
    /// The intent was cleared.
    case cleared
}
