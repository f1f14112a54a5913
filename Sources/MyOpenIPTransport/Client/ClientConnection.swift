import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import NIOCore
import NIOFoundationCompat
import NIOPosix
import SwiftProtobuf
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One multiplexed ttrpc connection to a daemon, opened on first use and opened again on the
/// next call after it was lost.
///
/// Any number of tasks may call ``call(_:timeout:)`` at once; their requests share the
/// connection and their responses come back in any order.
public final class ClientConnection: Sendable {
    private struct Live: Sendable {
        var channel: any Channel
        var handler: NIOLoopBound<ClientStreamHandler>
        var streamIDs: StreamIDAllocator
    }

    private enum State {
        case idle
        case connecting(EventLoopFuture<Live>)
        case ready(Live)
        case closed
    }

    public let target: ConnectionTarget
    public let maximumPayloadSize: Int
    private let connectTimeout: TimeAmount
    /// The event loop every connection of this client lives on.
    public let eventLoop: any EventLoop
    /// Runs tasks on ``eventLoop``: a caller that prefers it makes calls without crossing threads.
    public let taskExecutor: EventLoopTaskExecutor
    private let state = Mutex(State.idle)

    public init(
        target: ConnectionTarget,
        maximumPayloadSize: Int = FrameHeader.defaultMaximumPayloadSize,
        connectTimeout: Duration = .seconds(5),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.target = target
        self.maximumPayloadSize = maximumPayloadSize
        self.connectTimeout = connectTimeout.timeAmount
        self.eventLoop = eventLoopGroup.next()
        self.taskExecutor = EventLoopTaskExecutor(eventLoop)
    }

    /// Sends one request envelope and waits for its response envelope.
    ///
    /// Throws ``RPCError``: UNAVAILABLE when the daemon cannot be reached or the connection is
    /// lost mid-call, DEADLINE_EXCEEDED when `timeout` passes first, CANCELLED when the task is
    /// cancelled, RESOURCE_EXHAUSTED when a frame is over the maximum size.
    public func call(_ request: Ttrpc_Request, timeout: Duration?) async throws -> Ttrpc_Response {
        let (live, streamID, frame, nanoseconds) = try await prepare(request, timeout: timeout, flags: [])
        let eventLoop = live.channel.eventLoop
        let promise = eventLoop.makePromise(of: ByteBuffer.self)
        let responseBytes = try await withTaskCancellationHandler {
            let start: @Sendable () -> Void = {
                live.handler.value.start(
                    streamID: streamID, frame: frame, timeout: nanoseconds.map { .nanoseconds($0) }, receiver: .unary(promise))
            }
            if eventLoop.inEventLoop { start() } else { eventLoop.execute(start) }
            do {
                return try await promise.futureResult.get()
            } catch is CancellationError {
                throw RPCError(.cancelled, "the call was cancelled", reason: "CANCELLED")
            }
        } onCancel: {
            eventLoop.execute { live.handler.value.cancel(streamID) }
        }
        do {
            return try Ttrpc_Response(serializedBytes: Data(buffer: responseBytes, byteTransferStrategy: .noCopy))
        } catch {
            throw RPCError(.internal, "the daemon sent a malformed response envelope", reason: "MALFORMED_RESPONSE")
        }
    }

    /// Starts a server-streaming call: the stream yields each message's bytes, in order, ends when
    /// the daemon ends the call with OK, and throws ``RPCError`` otherwise (the call's status,
    /// DEADLINE_EXCEEDED, UNAVAILABLE when the connection is lost). Dropping the stream abandons
    /// the call.
    public func serverStream(_ request: Ttrpc_Request, timeout: Duration?) async throws -> AsyncThrowingStream<
        ByteBuffer, any Error
    > {
        let (live, streamID, frame, nanoseconds) = try await prepare(request, timeout: timeout, flags: .remoteClosed)
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let eventLoop = live.channel.eventLoop
        continuation.onTermination = { termination in
            if case .cancelled = termination {
                eventLoop.execute { live.handler.value.cancel(streamID) }
            }
        }
        let start: @Sendable () -> Void = {
            live.handler.value.start(
                streamID: streamID, frame: frame, timeout: nanoseconds.map { .nanoseconds($0) },
                receiver: .stream(continuation))
        }
        if eventLoop.inEventLoop { start() } else { eventLoop.execute(start) }
        return stream
    }

    /// Encodes a request frame on a new stream of the (re)opened connection.
    private func prepare(
        _ request: Ttrpc_Request, timeout: Duration?, flags: FrameFlags
    ) async throws -> (live: Live, streamID: UInt32, frame: ByteBuffer, timeoutNanoseconds: Int64?) {
        var request = request
        let nanoseconds = timeout.map(\.nanoseconds)
        if let nanoseconds { request.timeoutNano = max(1, nanoseconds) }
        let bytes: [UInt8]
        do {
            bytes = try request.serializedBytes()
        } catch {
            throw RPCError(.invalidArgument, "the request cannot be serialized: \(error)", reason: "MALFORMED_REQUEST")
        }
        guard bytes.count <= maximumPayloadSize else {
            throw RPCError(
                .resourceExhausted,
                "the request of \(bytes.count) bytes exceeds the maximum of \(maximumPayloadSize) bytes",
                reason: "MESSAGE_TOO_LARGE")
        }
        let live = try await connection()
        guard !Task.isCancelled else { throw RPCError(.cancelled, "the call was cancelled", reason: "CANCELLED") }
        let streamID = live.streamIDs.next()
        let frame = FrameEncoder.encode(
            streamID: streamID, type: .request, flags: flags, payload: bytes, allocator: live.channel.allocator)
        return (live, streamID, frame, nanoseconds)
    }

    /// Closes the connection; later calls fail with UNAVAILABLE.
    public func close() async {
        let live: Live? = state.withLock { state in
            defer { state = .closed }
            if case .ready(let live) = state { return live }
            return nil
        }
        try? await live?.channel.close()
    }

    // MARK: Connecting

    private func connection() async throws -> Live {
        enum Next {
            case ready(Live)
            case wait(EventLoopFuture<Live>)
            case closed
        }
        let next = state.withLock { state -> Next in
            switch state {
            case .ready(let live) where live.channel.isActive:
                return .ready(live)
            case .connecting(let future):
                return .wait(future)
            case .closed:
                return .closed
            case .idle, .ready:
                let future = connect()
                state = .connecting(future)
                return .wait(future)
            }
        }
        let future: EventLoopFuture<Live>
        switch next {
        case .ready(let live): return live
        case .closed: throw RPCError(.unavailable, "the client is closed", reason: "CLIENT_CLOSED")
        case .wait(let pending): future = pending
        }
        do {
            let live = try await future.get()
            state.withLock { state in
                if case .connecting(let current) = state, current === future { state = .ready(live) }
            }
            return live
        } catch {
            state.withLock { state in
                if case .connecting(let current) = state, current === future { state = .idle }
            }
            throw RPCError(.unavailable, "cannot connect to \(target): \(Self.describe(error))", reason: "CONNECT_FAILED")
        }
    }

    private func connect() -> EventLoopFuture<Live> {
        let target = self.target
        let maximumPayloadSize = self.maximumPayloadSize
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(ByteToMessageHandler(FrameDecoder(maximumPayloadSize: maximumPayloadSize)))
                    try sync.addHandler(ClientStreamHandler(target: target, maximumPayloadSize: maximumPayloadSize))
                }
            }
        let channel: EventLoopFuture<any Channel>
        switch target {
        case .unix(let path):
            channel = bootstrap.connect(unixDomainSocketPath: path)
        case .tcp(let host, let port):
            channel = bootstrap.channelOption(.tcpOption(.tcp_nodelay), value: 1).connect(host: host, port: port)
        }
        return channel.flatMapThrowing { channel in
            let handler = try channel.pipeline.syncOperations.handler(type: ClientStreamHandler.self)
            return Live(
                channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop),
                streamIDs: StreamIDAllocator())
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return describe(first.error)
        }
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode)) + " (is myopenipd running?)"
        }
        if error is ChannelError { return "\(error) (is myopenipd running?)" }
        return "\(error)"
    }
}

/// Hands out the odd, increasing stream ids of one connection, from any thread.
final class StreamIDAllocator: Sendable {
    private let last = Atomic<UInt32>(0)

    /// The next id: 1, 3, 5, …
    func next() -> UInt32 {
        last.wrappingAdd(2, ordering: .relaxed).newValue &- 1
    }
}
