import NIOCore

/// A `TaskExecutor` that runs jobs on one NIO event loop.
///
/// A task that prefers it runs on the thread that owns its connection, so that a call goes from
/// the socket to its handler and back without crossing threads: each crossing costs a wake-up
/// of several microseconds, more than the rest of a small call.
public final class EventLoopTaskExecutor: TaskExecutor {
    public let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
