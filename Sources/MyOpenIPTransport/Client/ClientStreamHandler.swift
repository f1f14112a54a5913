import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import NIOCore
import NIOFoundationCompat

/// The client end of one connection, on its event loop: writes each call's request frame on its
/// stream and completes the call when the response frame for that stream arrives, in any order.
/// A server-streaming call receives the data frames of its stream, in order, until the response
/// frame ends it. When the connection ends, every call still waiting fails with UNAVAILABLE.
final class ClientStreamHandler: ChannelDuplexHandler, CoalescedFlushing {
    typealias InboundIn = InboundFrame
    typealias OutboundIn = Never
    typealias OutboundOut = ByteBuffer

    /// Who waits for a stream's frames.
    enum Receiver {
        /// A unary call: the response envelope's bytes.
        case unary(EventLoopPromise<ByteBuffer>)
        /// A server-streaming call: each data frame's payload, then the end of the stream.
        case stream(AsyncThrowingStream<ByteBuffer, any Error>.Continuation)
    }

    private struct PendingCall {
        var receiver: Receiver
        var deadline: NIODeadline?
    }

    private let target: ConnectionTarget
    private let maximumPayloadSize: Int
    private(set) var context: ChannelHandlerContext?
    private var pending: [UInt32: PendingCall] = [:]
    private var failure: RPCError?
    var flushPending = false
    private var deadlineTimer = DeadlineTimer()

    init(target: ConnectionTarget, maximumPayloadSize: Int) {
        self.target = target
        self.maximumPayloadSize = maximumPayloadSize
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Sends an encoded request frame of stream `streamID`; `receiver` gets what comes back.
    func start(streamID: UInt32, frame: ByteBuffer, timeout: TimeAmount?, receiver: Receiver) {
        guard let context, failure == nil, context.channel.isActive else {
            pending[streamID] = PendingCall(receiver: receiver)
            finish(
                streamID,
                with: .failure(
                    failure ?? RPCError(.unavailable, "the connection to \(target) is closed", reason: "CONNECTION_CLOSED")))
            return
        }
        var call = PendingCall(receiver: receiver)
        if let timeout {
            let deadline = NIODeadline.now() + timeout
            call.deadline = deadline
            let this = NIOLoopBound(self, eventLoop: context.eventLoop)
            deadlineTimer.schedule(deadline, on: context.eventLoop) { this.value.sweepDeadlines() }
        }
        pending[streamID] = call
        context.write(wrapOutboundOut(frame), promise: nil)
        // Alone, the request goes now; among others, it shares their flush.
        if pending.count == 1 { context.flush() } else { scheduleFlush(context) }
    }

    /// Fails every call past its deadline with DEADLINE_EXCEEDED, then arms the timer for the next one.
    private func sweepDeadlines() {
        guard let eventLoop = context?.eventLoop else { return }
        let this = NIOLoopBound(self, eventLoop: eventLoop)
        deadlineTimer.sweep(
            pending.compactMap { streamID, call in call.deadline.map { (key: streamID, deadline: $0) } },
            on: eventLoop,
            expire: { finish($0, with: .failure(RPCError.deadlineExceeded)) },
            fire: { this.value.sweepDeadlines() })
    }

    /// Abandons a call (its task was cancelled); a late response is ignored.
    func cancel(_ streamID: UInt32) {
        finish(streamID, with: .failure(CancellationError()))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .frame(let frame) where frame.type == .response:
            finish(frame.streamID, with: .success(frame.payload))
        case .frame(let frame) where frame.type == .data:
            if case .stream(let continuation)? = pending[frame.streamID]?.receiver, !frame.flags.contains(.noData) {
                continuation.yield(frame.payload)
            }
        case .frame:
            break  // a request frame from the daemon: nothing to do with it
        case .oversized(let header):
            finish(
                header.streamID,
                with: .failure(
                    RPCError(
                        .resourceExhausted,
                        "the response of \(header.length) bytes exceeds the maximum of \(maximumPayloadSize) bytes",
                        reason: "MESSAGE_TOO_LARGE")))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(RPCError(.unavailable, "the connection to \(target) failed: \(error)", reason: "CONNECTION_FAILED"))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(RPCError(.unavailable, "the connection to \(target) was lost", reason: "CONNECTION_LOST"))
        context.fireChannelInactive()
    }

    /// Ends a call with the response envelope's bytes or an error.
    private func finish(_ streamID: UInt32, with result: Result<ByteBuffer, any Error>) {
        guard let call = pending.removeValue(forKey: streamID) else { return }
        switch call.receiver {
        case .unary(let promise):
            promise.completeWith(result)
        case .stream(let continuation):
            switch result {
            case .failure(let error):
                continuation.finish(throwing: error)
            case .success(let bytes):
                guard let response = try? Ttrpc_Response(serializedBytes: Data(buffer: bytes, byteTransferStrategy: .noCopy))
                else {
                    continuation.finish(
                        throwing: RPCError(
                            .internal, "the daemon sent a malformed response envelope", reason: "MALFORMED_RESPONSE"))
                    return
                }
                if response.status.code == StatusCode.ok.rawValue {
                    continuation.finish()
                } else {
                    continuation.finish(throwing: RPCError(status: response.status))
                }
            }
        }
    }

    private func failAll(_ error: RPCError) {
        if failure == nil { failure = error }
        let calls = pending
        pending = [:]
        deadlineTimer.cancel()
        for streamID in calls.keys {
            pending[streamID] = calls[streamID]
            finish(streamID, with: .failure(error))
        }
    }
}
