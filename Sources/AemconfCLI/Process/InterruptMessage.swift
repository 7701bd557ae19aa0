#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines aemconf prints when interrupted, produced in one place.
enum InterruptMessage {
    /// The signal's name, `SIGINT` or `SIGTERM`, else `signal N`.
    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(number)"
        }
    }

    /// The first signal, when nothing else reports on it.
    static func draining(signal number: Int32) -> String {
        "aemconf: received \(name(number)); finishing the running step and starting no new one "
            + "(send it again to stop at once)\n"
    }

    /// The second signal: aemconf exits without finishing the step or releasing the lock.
    static func stoppedImmediately(signal number: Int32) -> String {
        "aemconf: received \(name(number)) again; stopped immediately without finishing the running step: "
            + "a SQLite state lock expires by itself when its lease runs out, a PostgreSQL lock was released "
            + "when the connection closed\n"
    }

    /// A short command released its lock on the first signal and exits (a commit that already landed stays).
    static func releasedLock(signal number: Int32, lockID: String) -> String {
        "aemconf: received \(name(number)); released lock '\(lockID)' and stopped\n"
    }
}
