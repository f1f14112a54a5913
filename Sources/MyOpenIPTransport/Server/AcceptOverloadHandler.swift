import Logging
import MyOpenIPRPC
import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stops a listener from spinning when `accept` fails for want of resources (no file descriptor
/// left, no memory): it stops accepting for a moment, logs it (rate-limited), then accepts again.
/// The connection waits in the listen backlog meanwhile. Without it, the listening socket stays
/// readable and its event loop retries `accept` at full speed.
final class AcceptOverloadHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel

    private let pause: TimeAmount
    private let logger: Logger
    private let throttle: LogThrottle
    private var resumption: Scheduled<Void>?

    init(pause: TimeAmount = .milliseconds(250), logger: Logger, throttle: LogThrottle) {
        self.pause = pause
        self.logger = logger
        self.throttle = throttle
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError, [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.errnoCode) {
            throttle.log(
                logger, level: .warning, "cannot accept a connection for now; pausing the listener",
                metadata: ["error": "\(error)", "pause_ms": "\(pause.nanoseconds / 1_000_000)"])
            if resumption == nil {
                try? context.channel.syncOptions?.setOption(.autoRead, value: false)
                let channel = context.channel
                resumption = context.eventLoop.assumeIsolated().scheduleTask(in: pause) { [self] in
                    resumption = nil
                    try? channel.syncOptions?.setOption(.autoRead, value: true)
                }
            }
        }
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        resumption?.cancel()
        resumption = nil
        context.fireChannelInactive()
    }
}
