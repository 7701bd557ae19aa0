import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells whether a process on this host is still running.
package enum ProcessLiveness {
    /// `true` unless `kill(pid, 0)` reports that no such process exists.
    package static func isRunning(pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) == 0 { return true }
        return errno != ESRCH
    }

    /// This host's name.
    package static var hostName: String { ProcessInfo.processInfo.hostName }
}
