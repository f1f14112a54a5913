import Logging
import MyOpenIPStore
import MyOpenIPTransport
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The Prometheus endpoint: `GET /metrics` over HTTP/1.1 on 127.0.0.1 only, in the text
/// exposition format; anything else is 404 (a wrong method 405). Off unless a port is given.
public final class MetricsEndpoint: Service, Sendable {
    let port: Int
    let metrics: DaemonMetrics
    let store: Store
    let counters: TransportCounters?
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger
    private let bound = Mutex<(port: Int?, waiters: [CheckedContinuation<Int, any Error>])>((nil, []))

    public init(
        port: Int, metrics: DaemonMetrics, store: Store, counters: TransportCounters?,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger
    ) {
        self.port = port
        self.metrics = metrics
        self.store = store
        self.counters = counters
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// The port it listens on, once it does.
    public func boundPort() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready = bound.withLock { state -> Int? in
                if let port = state.port { return port }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    public func run() async throws {
        let (metrics, store, counters) = (self.metrics, self.store, self.counters)
        let channel = try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        MetricsHTTPHandler(scrape: { await metrics.scrape(counters: counters, store: store) }))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        let port = channel.localAddress?.port ?? self.port
        let waiters = bound.withLock { state in
            state.port = port
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
        logger.info("metrics served", metadata: ["address": "127.0.0.1:\(port)", "path": "/metrics"])
        try? await gracefulShutdown()
        try await channel.close()
    }
}

/// Answers one HTTP request after another on a connection of the metrics endpoint.
final class MetricsHTTPHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let scrape: @Sendable () async -> [UInt8]

    init(scrape: @escaping @Sendable () async -> [UInt8]) {
        self.scrape = scrape
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        let channel = context.channel
        let keepAlive = head.isKeepAlive
        guard head.method == .GET || head.method == .HEAD else {
            respond(channel, status: .methodNotAllowed, body: Array("only GET\n".utf8), keepAlive: keepAlive)
            return
        }
        guard head.uri == "/metrics" || head.uri.hasPrefix("/metrics?") else {
            respond(channel, status: .notFound, body: Array("see /metrics\n".utf8), keepAlive: keepAlive)
            return
        }
        let scrape = self.scrape
        let isHead = head.method == .HEAD
        Task {
            let body = await scrape()
            self.respond(channel, status: .ok, body: isHead ? [] : body, keepAlive: keepAlive)
        }
    }

    private func respond(_ channel: any Channel, status: HTTPResponseStatus, body: [UInt8], keepAlive: Bool) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: status == .ok ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain")
        headers.add(name: "Content-Length", value: "\(body.count)")
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: status, headers: headers)
        channel.eventLoop.execute {
            channel.write(HTTPServerResponsePart.head(head), promise: nil)
            channel.write(HTTPServerResponsePart.body(.byteBuffer(channel.allocator.buffer(bytes: body))), promise: nil)
            channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in
                if !keepAlive { channel.close(promise: nil) }
            }
        }
    }
}
