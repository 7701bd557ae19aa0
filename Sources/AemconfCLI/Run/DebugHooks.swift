import AemconfModel
import Foundation

/// Debug-only hooks for the crash and lifecycle tests; release builds ignore them.
enum DebugHooks {
    /// `AEMCONF_DEBUG_CRASH_BEFORE_WRITE=N` ends the process abruptly right before apply's N-th state write
    /// (intent or commit), as `kill -9` would.
    static var crashBeforeWrite: Int? { integer("AEMCONF_DEBUG_CRASH_BEFORE_WRITE") }

    /// `AEMCONF_DEBUG_STOP_AFTER_COMMIT=N` ends the process abruptly right after apply's N-th commit: every
    /// rotation or migration step ends with one, so a test can stop after step N and check AEM still works.
    static var stopAfterCommit: Int? { integer("AEMCONF_DEBUG_STOP_AFTER_COMMIT") }

    /// The run's clock: the system clock, moved by `AEMCONF_DEBUG_CLOCK_OFFSET_SECONDS` (the sandbox's clock is
    /// moved by the same amount through its admin API, so certificate and secret dates are judged alike).
    static var clock: any WallClock {
        guard let offset = integer("AEMCONF_DEBUG_CLOCK_OFFSET_SECONDS"), offset != 0 else { return SystemWallClock() }
        return OffsetWallClock(offset: TimeInterval(offset))
    }

    /// `AEMCONF_DEBUG_CRASH_AFTER_SEGMENT_CHECKPOINTS=N` ends the process abruptly right after a segment sync's
    /// N-th checkpoint is committed.
    static var crashAfterSegmentCheckpoints: Int? { integer("AEMCONF_DEBUG_CRASH_AFTER_SEGMENT_CHECKPOINTS") }

    /// `AEMCONF_DEBUG_SEGMENT_PAGE_SIZE=N`: audiences per page of a full pass, so a test sees several
    /// checkpoints without seeding 100,000 audiences.
    static var segmentPageSize: Int? { integer("AEMCONF_DEBUG_SEGMENT_PAGE_SIZE") }

    /// Ends the process at once, as `kill -9` would (no cleanup, no lock release).
    static func crash() -> Never { _exit(75) }

    private static func integer(_ name: String) -> Int? {
        #if DEBUG
            ProcessInfo.processInfo.environment[name].flatMap(Int.init)
        #else
            nil
        #endif
    }
}

/// The system clock moved by a fixed offset (debug builds only, through ``DebugHooks/clock``).
struct OffsetWallClock: WallClock {
    let offset: TimeInterval

    func now() -> Date { Date().addingTimeInterval(offset) }

    func sleep(for duration: Duration) async throws { try await SystemWallClock().sleep(for: duration) }
}
