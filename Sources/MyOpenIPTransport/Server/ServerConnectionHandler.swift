import Foundation
import Logging
import MyOpenIPProto
import MyOpenIPRPC
import NIOCore

/// Serves one accepted connection, on its event loop: each request runs as its own task, pinned
/// to this event loop, and its response is written on its stream as soon as it is ready, in
/// whatever order calls finish.
///
/// Deadlines are kept here, on one timer per connection: when a call's deadline passes, its task
/// is cancelled and DEADLINE_EXCEEDED is answered at once; a late result is dropped. A protocol
/// violation (garbage header, unknown frame type, even or reused stream id, a response frame from
/// a client) closes this connection only.
///
/// Memory per connection is bounded: past its limit of unread answers (the channel's write
/// buffer high-water mark), the connection stops reading and parks the requests already read
/// until its peer reads; a peer that does not read for the stalled-reader timeout is closed. A
/// connection with no call in flight for its idle timeout is closed. Anonymous peers get the
/// tighter of two sets of limits until a session signs in on the connection.
final class ServerConnectionHandler: ChannelInboundHandler, CoalescedFlushing {
    typealias InboundIn = InboundFrame
    typealias OutboundOut = ByteBuffer

    private struct Call {
        var task: Task<Void, Never>?
        var deadline: NIODeadline?
    }

    /// What the connection may hold, and what it learns of its peer.
    struct Limits {
        var current: RPCServerConfiguration.ConnectionLimits
        /// The limits once a session signs in; nil when the connection has them already.
        var onceSignedIn: RPCServerConfiguration.ConnectionLimits?
        var stalledReaderTimeout: Duration
    }

    private let peer: Peer
    private let counters: TransportCounters
    private let dispatcher: CallDispatcher
    private let maximumPayloadSize: Int
    private var limits: Limits
    private let trust = ConnectionTrust()
    private let logger: Logger
    private let peerErrors: LogThrottle
    private let executor: EventLoopTaskExecutor
    private(set) var context: ChannelHandlerContext?
    private var calls: [UInt32: Call] = [:]
    private var draining = false
    var flushPending = false
    private var deadlineTimer = DeadlineTimer()
    /// Requests read while the peer had too many unread answers, served once it reads.
    private var parked = CircularBuffer<InboundFrame>()
    private var readingPaused = false
    private var stalledReaderCheck: Scheduled<Void>?
    /// Since when no call is in flight (nil while one is), and the check that closes an idle connection.
    private var idleSince: NIODeadline? = .now()
    private var idleCheck: Scheduled<Void>?

    init(
        peer: Peer, dispatcher: CallDispatcher, maximumPayloadSize: Int, limits: Limits,
        eventLoop: any EventLoop, logger: Logger, peerErrors: LogThrottle, counters: TransportCounters = TransportCounters()
    ) {
        self.counters = counters
        self.peer = peer
        self.dispatcher = dispatcher
        self.maximumPayloadSize = maximumPayloadSize
        self.limits = limits
        self.executor = EventLoopTaskExecutor(eventLoop)
        var logger = logger
        logger[metadataKey: "peer"] = "\(peer)"
        self.logger = logger
        self.peerErrors = peerErrors
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        applyLimits(context)
        armIdleCheck(context)
        logger.debug("connection opened")
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        // Nobody is left to read the answers: stop the work.
        deadlineTimer.cancel()
        stalledReaderCheck?.cancel()
        idleCheck?.cancel()
        parked.removeAll()
        for call in calls.values {
            call.task?.cancel()
        }
        if !calls.isEmpty {
            logger.info("connection closed with calls in flight; they are cancelled", metadata: ["calls": "\(calls.count)"])
        } else {
            logger.debug("connection closed")
        }
        calls = [:]
        context.fireChannelInactive()
    }

    // MARK: Back-pressure

    /// A peer that sends requests faster than it reads the answers is not read from until its
    /// answers drain, so that they cannot pile up in memory; the requests it had already sent
    /// are served once it reads.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            stalledReaderCheck?.cancel()
            stalledReaderCheck = nil
            while context.channel.isWritable, context.channel.isActive, let frame = parked.popFirst() {
                serve(frame, context: context)
            }
            if parked.isEmpty && context.channel.isWritable { resumeReading(context) }
        } else {
            pauseReading(context)
        }
        context.fireChannelWritabilityChanged()
    }

    private func pauseReading(_ context: ChannelHandlerContext) {
        if !readingPaused {
            readingPaused = true
            try? context.channel.syncOptions?.setOption(.autoRead, value: false)
        }
        guard stalledReaderCheck == nil else { return }
        let this = NIOLoopBound(self, eventLoop: context.eventLoop)
        stalledReaderCheck = context.eventLoop.scheduleTask(in: limits.stalledReaderTimeout.timeAmount) {
            this.value.closeStalledReader()
        }
    }

    private func resumeReading(_ context: ChannelHandlerContext) {
        guard readingPaused else { return }
        readingPaused = false
        try? context.channel.syncOptions?.setOption(.autoRead, value: true)
        context.read()
    }

    private func closeStalledReader() {
        stalledReaderCheck = nil
        guard let context, !context.channel.isWritable else { return }
        peerErrors.log(
            logger, level: .info, "closing a connection whose peer does not read its answers",
            metadata: ["unread_bytes": "\(limits.current.maximumUnwrittenBytes)+", "parked_requests": "\(parked.count)"])
        context.close(promise: nil)
    }

    /// Applies the current limits to the channel: its write buffer's high-water mark, the reads
    /// per wake-up, and the kernel's socket buffers (a trusted peer's are raised again, as far
    /// as the system allows).
    private func applyLimits(_ context: ChannelHandlerContext) {
        let current = limits.current
        let high = max(current.maximumUnwrittenBytes, 2)
        guard let options = context.channel.syncOptions else { return }
        try? options.setOption(.writeBufferWaterMark, value: ChannelOptions.Types.WriteBufferWaterMark(low: high / 2, high: high))
        try? options.setOption(.maxMessagesPerRead, value: UInt(max(1, current.readsPerWakeup)))
        if let size = current.socketBuffers ?? (socketBuffersWereSet ? Self.trustedSocketBuffers : nil) {
            try? options.setOption(.socketOption(.so_sndbuf), value: SocketOptionValue(size))
            try? options.setOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(size))
            socketBuffersWereSet = true
        }
    }

    /// The socket buffers asked for a peer that signed in after starting with small ones.
    private static let trustedSocketBuffers = 4 << 20
    private var socketBuffersWereSet = false

    // MARK: Idle connections

    private func armIdleCheck(_ context: ChannelHandlerContext) {
        guard idleCheck == nil, let since = idleSince else { return }
        let this = NIOLoopBound(self, eventLoop: context.eventLoop)
        idleCheck = context.eventLoop.scheduleTask(deadline: since + limits.current.idleTimeout.timeAmount) {
            this.value.checkIdle()
        }
    }

    private func checkIdle() {
        idleCheck = nil
        guard let context, let since = idleSince, calls.isEmpty, parked.isEmpty else { return }
        if NIODeadline.now() >= since + limits.current.idleTimeout.timeAmount {
            logger.debug("closing an idle connection", metadata: ["idle": "\(limits.current.idleTimeout)"])
            context.close(promise: nil)
        } else {
            armIdleCheck(context)
        }
    }

    /// Once a session signed in on this connection, its peer gets the trusted limits.
    private func upgradeIfSignedIn(_ context: ChannelHandlerContext) {
        guard let trusted = limits.onceSignedIn, trust.isSignedIn else { return }
        limits.current = trusted
        limits.onceSignedIn = nil
        applyLimits(context)
    }

    // MARK: Frames

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        peerErrors.log(logger, level: .info, "connection closed on error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        counters.bytesIn.add(frame.wireSize, ordering: .relaxed)
        guard !readingPaused, parked.isEmpty, context.channel.isWritable else {
            parked.append(frame)
            pauseReading(context)
            return
        }
        serve(frame, context: context)
        if !context.channel.isWritable { pauseReading(context) }
    }

    private func serve(_ frame: InboundFrame, context: ChannelHandlerContext) {
        switch frame {
        case .oversized(let header):
            guard header.type == .request else {
                peerErrors.log(
                    logger, level: .info, "oversized frame dropped",
                    metadata: ["type": "\(header.type)", "length": "\(header.length)"])
                return
            }
            guard open(header.streamID, context: context) else { return }
            peerErrors.log(
                logger, level: .info, "oversized request refused",
                metadata: ["stream": "\(header.streamID)", "length": "\(header.length)"])
            finish(
                header.streamID,
                with: CallDispatcher.response(
                    for: RPCError(
                        .resourceExhausted,
                        "the request of \(header.length) bytes exceeds the maximum of \(maximumPayloadSize) bytes",
                        reason: "MESSAGE_TOO_LARGE")))

        case .frame(let frame):
            switch frame.type {
            case .request:
                guard open(frame.streamID, context: context) else { return }
                start(frame)
            case .data:
                // No method takes client stream data, and ttrpc forbids data on unary streams.
                logger.debug("data frame on a unary stream dropped", metadata: ["stream": "\(frame.streamID)"])
            case .response:
                violation("a client sent a response frame on stream \(frame.streamID)", context: context)
            }
        }
    }

    // MARK: Calls

    /// Registers a new stream; false (and the connection closing) when its id breaks the protocol.
    private func open(_ streamID: UInt32, context: ChannelHandlerContext) -> Bool {
        guard streamID % 2 == 1 else {
            violation("stream id \(streamID) is not odd", context: context)
            return false
        }
        guard calls[streamID] == nil else {
            violation("stream id \(streamID) is already in use", context: context)
            return false
        }
        calls[streamID] = Call()
        idleSince = nil
        return true
    }

    private func start(_ frame: Frame) {
        let streamID = frame.streamID
        if frame.flags.contains(.remoteOpen) {
            finish(
                streamID,
                with: CallDispatcher.response(
                    for: RPCError(
                        .unimplemented, "streaming requests are not supported by this method", reason: "STREAMING_NOT_SUPPORTED"))
            )
            return
        }
        let maximumCalls = limits.current.maximumCalls
        guard calls.count <= maximumCalls else {
            finish(
                streamID,
                with: CallDispatcher.response(
                    for: RPCError(
                        .resourceExhausted, "too many calls in flight on this connection (at most \(maximumCalls))",
                        reason: "TOO_MANY_CALLS")))
            return
        }
        let request: Ttrpc_Request
        do {
            request = try CallDispatcher.decodeRequest(frame.payload)
        } catch {
            peerErrors.log(logger, level: .info, "malformed request envelope", metadata: ["stream": "\(streamID)"])
            finish(streamID, with: CallDispatcher.response(for: error))
            return
        }
        let deadline = CallDispatcher.deadline(of: request)
        let eventLoop = executor.eventLoop
        let this = NIOLoopBound(self, eventLoop: eventLoop)
        let (dispatcher, peer, trust) = (self.dispatcher, self.peer, self.trust)
        let route = dispatcher.router.route(service: request.service, method: request.method)
        let stream = route?.isServerStreaming == true ? ChannelStreamSink(handler: this, streamID: streamID) : nil
        // The call starts right here, on this thread: a handler that never suspends (health, a
        // cache hit) answers within this read, without a trip through the task queue.
        let task = Task.immediate(executorPreference: executor) {
            let response = await dispatcher.dispatch(
                request, route: route, peer: peer, deadline: deadline, stream: stream, trust: trust)
            if eventLoop.inEventLoop {
                this.value.finish(streamID, with: response)
            } else {
                eventLoop.execute { this.value.finish(streamID, with: response) }
            }
        }
        guard calls[streamID] != nil else { return }  // already answered
        calls[streamID]?.task = task
        if request.timeoutNano > 0 {
            let expiry = NIODeadline.now() + .nanoseconds(request.timeoutNano)
            calls[streamID]?.deadline = expiry
            deadlineTimer.schedule(expiry, on: eventLoop) { this.value.sweepDeadlines() }
        }
    }

    /// Answers DEADLINE_EXCEEDED for every call past its deadline and cancels its task, then
    /// arms the timer for the next deadline.
    private func sweepDeadlines() {
        guard let eventLoop = context?.eventLoop else { return }
        let this = NIOLoopBound(self, eventLoop: eventLoop)
        deadlineTimer.sweep(
            calls.compactMap { streamID, call in call.deadline.map { (key: streamID, deadline: $0) } },
            on: eventLoop,
            expire: { streamID in
                calls[streamID]?.task?.cancel()
                finish(streamID, with: CallDispatcher.response(for: .deadlineExceeded))
            },
            fire: { this.value.sweepDeadlines() })
    }

    /// Writes one message of a server-streaming call as a data frame; fails when the call was
    /// already answered (deadline) or the connection is gone.
    func sendData(_ payload: Data, on streamID: UInt32, promise: EventLoopPromise<Void>) {
        guard calls[streamID] != nil, let context else {
            promise.fail(CancellationError())
            return
        }
        guard payload.count <= maximumPayloadSize else {
            promise.fail(responseTooLarge(payload.count, on: streamID))
            return
        }
        let frame = FrameEncoder.encode(
            streamID: streamID, type: .data, payload: Array(payload), allocator: context.channel.allocator)
        counters.bytesOut.add(frame.readableBytes, ordering: .relaxed)
        context.writeAndFlush(wrapOutboundOut(frame), promise: promise)
    }

    /// Writes the response of a stream, once; a result for a stream already answered is dropped.
    private func finish(_ streamID: UInt32, with response: Ttrpc_Response) {
        guard calls.removeValue(forKey: streamID) != nil, let context else { return }
        do {
            var bytes: [UInt8] = try response.serializedBytes()
            if bytes.count > maximumPayloadSize {
                // No peer could read it: the call fails instead, and the connection goes on.
                bytes = try CallDispatcher.response(for: responseTooLarge(bytes.count, on: streamID)).serializedBytes()
            }
            let frame = FrameEncoder.encode(
                streamID: streamID, type: .response, payload: bytes, allocator: context.channel.allocator)
            counters.bytesOut.add(frame.readableBytes, ordering: .relaxed)
            context.write(wrapOutboundOut(frame), promise: nil)
        } catch {
            logger.error("cannot encode a response", metadata: ["stream": "\(streamID)", "error": "\(error)"])
        }
        upgradeIfSignedIn(context)
        if calls.isEmpty {
            // Nothing else is running that could share a flush: send now.
            context.flush()
            // The last answer of a draining connection: close once it is sent.
            if draining { context.close(promise: nil) }
            idleSince = .now()
            armIdleCheck(context)
        } else {
            scheduleFlush(context)
        }
    }

    /// The error that replaces an answer over the maximum message size, which peers refuse.
    private func responseTooLarge(_ size: Int, on streamID: UInt32) -> RPCError {
        logger.warning(
            "response over the maximum message size replaced by an error",
            metadata: [
                "stream": "\(streamID)", "length": "\(size)", "maximum": "\(maximumPayloadSize)",
            ])
        return RPCError(
            .resourceExhausted, "the response of \(size) bytes exceeds the maximum of \(maximumPayloadSize) bytes",
            reason: "RESPONSE_TOO_LARGE")
    }

    private func violation(_ description: String, context: ChannelHandlerContext) {
        peerErrors.log(logger, level: .info, "protocol violation; closing the connection", metadata: ["reason": "\(description)"])
        context.close(promise: nil)
    }

    // MARK: Shutdown

    /// Lets the calls in flight finish, then closes the connection.
    func drain() {
        draining = true
        if calls.isEmpty { context?.close(promise: nil) }
    }
}
