import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A second, independent look at whether a child has exited, for swift-subprocess 1.0.2's Linux process monitor:
/// on a loaded machine it sometimes reports a child's exit only when the runner's watchdog fires (a `/bin/true`
/// "ran longer than 60 s", exit status 0), and ThreadSanitizer reports races in exactly that code
/// (docs/sanitizers.md).
///
/// Every 50 ms it peeks at the child with `waitid(…, WEXITED | WNOHANG | WNOWAIT)`, which neither reaps it nor
/// disturbs the library; once the child is a zombie it gives the library two seconds to deliver the exit and the
/// rest of the output, then reports the exit status itself. It stops as soon as the exit is known either way.
enum ExitWatcher {
    static func watch(pid: Int32, output: ChildProcessOutput) {
        Task.detached {
            while !output.hasExited {
                if let termination = peek(pid) {
                    try? await Task.sleep(for: .seconds(2))
                    output.finish(.success(termination))
                    return
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// The child's termination if it has exited and is not reaped yet; `nil` while it runs (or once reaped).
    private static func peek(_ pid: Int32) -> ChildProcessResult.Termination? {
        #if os(Linux)
            var info = siginfo_t()
            guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return nil }
            let reported = info._sifields._sigchld.si_pid
            guard reported == pid else { return nil }
            let status = info._sifields._sigchld.si_status
            switch info.si_code {
            case Int32(CLD_EXITED): return .exited(status)
            case Int32(CLD_KILLED), Int32(CLD_DUMPED): return .signaled(status)
            default: return nil
            }
        #else
            return nil
        #endif
    }
}
