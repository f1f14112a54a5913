import NIOCore

/// A connection handler that writes many frames in one turn of its event loop and flushes them
/// once, at the end of the turn, instead of one `writev` per frame.
protocol CoalescedFlushing: AnyObject, SendableMetatype {
    /// Whether a flush is already scheduled for this turn.
    var flushPending: Bool { get set }
    /// The handler's context while it is in a pipeline.
    var context: ChannelHandlerContext? { get }
}

extension CoalescedFlushing {
    /// Schedules one flush for everything written in this turn of the event loop.
    func scheduleFlush(_ context: ChannelHandlerContext) {
        guard !flushPending else { return }
        flushPending = true
        let this = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let handler = this.value
            handler.flushPending = false
            handler.context?.flush()
        }
    }
}
