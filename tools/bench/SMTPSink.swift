import NIOCore
import NIOPosix
import Synchronization

/// A minimal SMTP server on loopback that accepts every mail and keeps only a count: the far end
/// of the mail delivery benchmark, fast enough not to be what is measured (a real relay such as
/// Postfix takes thousands of mails a second).
final class SMTPSink: Sendable {
    let port: Int
    private let channel: any Channel
    private let accepted: Counter

    private init(port: Int, channel: any Channel, accepted: Counter) {
        self.port = port
        self.channel = channel
        self.accepted = accepted
    }

    /// The mails accepted so far.
    var count: Int { accepted.value.load(ordering: .relaxed) }

    static func start() async throws -> SMTPSink {
        let counter = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SessionHandler(counter: counter))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return SMTPSink(port: channel.localAddress?.port ?? 0, channel: channel, accepted: counter)
    }

    func stop() async {
        try? await channel.close()
    }

    /// Shares one count between the handlers of every connection.
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Lines ending with LF, CR removed.
    struct LineDecoder: ByteToMessageDecoder {
        typealias InboundOut = String

        mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
            guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
            var line = buffer.readString(length: end - buffer.readerIndex) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            context.fireChannelRead(wrapInboundOut(line))
            return .continue
        }
    }

    /// One conversation: fixed positive replies, the data read up to its final period.
    final class SessionHandler: ChannelInboundHandler {
        typealias InboundIn = String
        typealias OutboundOut = ByteBuffer

        let counter: Counter
        private var inData = false

        init(counter: Counter) { self.counter = counter }

        func channelActive(context: ChannelHandlerContext) {
            reply("220 sink ESMTP", context: context)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let line = unwrapInboundIn(data)
            if inData {
                guard line == "." else { return }
                inData = false
                counter.value.add(1, ordering: .relaxed)
                return reply("250 2.0.0 queued", context: context)
            }
            switch line.prefix(4).uppercased() {
            case "EHLO": reply("250-sink\r\n250 8BITMIME", context: context)
            case "DATA":
                inData = true
                reply("354 go on", context: context)
            case "QUIT":
                reply("221 bye", context: context)
                context.close(promise: nil)
            default: reply("250 ok", context: context)
            }
        }

        private func reply(_ text: String, context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }
    }
}
