import NIOCore
import NIOPosix

/// Runs tasks on the event loops async-http-client does its I/O on (NIO's singleton group), so a task that sends a
/// request and awaits its answer is resumed on the loop that read the answer, instead of waking a thread of Swift's
/// global pool for every response and the loop again for every request.
///
/// The engine runs its steps and reads with this executor as the task executor preference
/// (`withTaskExecutorPreference`); the rest of the process keeps the global pool. Work that blocks a thread must
/// not run under it (it would hold up the I/O of every request on that loop); the engine's work does not block.
public final class EventLoopTaskExecutor: TaskExecutor {
    /// The executor over NIO's singleton group, the one ``AsyncHTTPClientTransport`` uses.
    public static let shared = EventLoopTaskExecutor(group: MultiThreadedEventLoopGroup.singleton)

    private let group: any EventLoopGroup

    init(group: any EventLoopGroup) {
        self.group = group
    }

    /// Runs `job` on the current event loop when enqueued from one of the group's loops, else on any of them.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        group.any().execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
