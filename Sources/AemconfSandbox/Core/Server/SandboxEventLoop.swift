import NIOCore
import NIOPosix

/// The one thread every sandbox in the process serves on: its sockets, its request handlers and its store.
///
/// A request used to cross threads several times: from the event loop that read it to Swift's thread pool that ran
/// the handler, to the store's actor, and back to the event loop to write the answer. Each crossing is a wake-up of
/// another thread. On one thread a request is read, handled against the store and answered without one, which
/// measured about a third less CPU per request on the 2-core benchmark machine (docs/sandbox.md). One thread is plenty:
/// the sandbox's work per request is a few microseconds of its own code.
enum SandboxEventLoop {
    /// The event loop group of one thread, for the life of the process (never shut down, like NIO's singletons).
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// The group's only event loop.
    static let loop: any EventLoop = group.next()

    /// Runs tasks on ``loop``: the executor preference of every request's task.
    static let taskExecutor = SandboxLoopTaskExecutor(loop: loop)
}

/// A `TaskExecutor` that runs jobs on one NIO event loop.
final class SandboxLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let loop: any EventLoop

    init(loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
