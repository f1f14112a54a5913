import Logging
import MyOpenIPProto
import MyOpenIPRPC
import NIOCore
import Synchronization

/// One accepted connection: reads its frames, serves every request concurrently, and writes
/// each response on its stream as soon as it is ready, in whatever order they finish.
///
/// A protocol violation (garbage header, unknown frame type, even or reused stream id, a response
/// frame from a client) closes this connection only; errors never escape ``serve(_:)``.
final class ServerConnection: Sendable {
    typealias AsyncChannel = NIOAsyncChannel<InboundFrame, Frame>

    private struct State {
        var openStreams: Set<UInt32> = []
        var draining = false
    }

    private struct ProtocolViolation: Error, CustomStringConvertible {
        var description: String
    }

    let channel: any Channel
    private let peer: Peer
    private let dispatcher: CallDispatcher
    private let maximumPayloadSize: Int
    private let logger: Logger
    private let state = Mutex(State())

    init(channel: any Channel, peer: Peer, dispatcher: CallDispatcher, maximumPayloadSize: Int, logger: Logger) {
        self.channel = channel
        self.peer = peer
        self.dispatcher = dispatcher
        self.maximumPayloadSize = maximumPayloadSize
        var logger = logger
        logger[metadataKey: "peer"] = "\(peer)"
        self.logger = logger
    }

    /// Serves the connection until the peer closes it, it breaks the protocol, or the server closes it.
    func serve(_ asyncChannel: AsyncChannel) async {
        logger.debug("connection opened")
        do {
            try await asyncChannel.executeThenClose { inbound, outbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await event in inbound {
                        try self.handle(event, outbound: outbound, group: &group)
                    }
                    // The peer is gone: nobody is left to read the answers of calls still running.
                    group.cancelAll()
                }
            }
            logger.debug("connection closed")
        } catch is CancellationError {
            logger.debug("connection closed by shutdown")
        } catch {
            logger.info("connection closed on error", metadata: ["error": "\(error)"])
        }
    }

    private func handle(
        _ event: InboundFrame,
        outbound: NIOAsyncChannelOutboundWriter<Frame>,
        group: inout ThrowingDiscardingTaskGroup<any Error>
    ) throws {
        switch event {
        case .oversized(let header):
            guard header.type == .request else {
                logger.info("oversized frame dropped", metadata: ["type": "\(header.type)", "length": "\(header.length)"])
                return
            }
            try openStream(header.streamID)
            let error = RPCError(
                .resourceExhausted,
                "the request of \(header.length) bytes exceeds the maximum of \(maximumPayloadSize) bytes",
                reason: "MESSAGE_TOO_LARGE")
            logger.info("oversized request refused", metadata: ["stream": "\(header.streamID)", "length": "\(header.length)"])
            group.addTask {
                await self.respond(CallDispatcher.response(for: error), on: header.streamID, outbound: outbound)
            }

        case .frame(let frame):
            switch frame.type {
            case .request:
                try openStream(frame.streamID)
                if frame.flags.contains(.remoteOpen) {
                    let error = RPCError(
                        .unimplemented, "streaming requests are not supported by this method",
                        reason: "STREAMING_NOT_SUPPORTED")
                    group.addTask {
                        await self.respond(CallDispatcher.response(for: error), on: frame.streamID, outbound: outbound)
                    }
                    return
                }
                group.addTask {
                    let response = await self.dispatcher.dispatch(requestFrame: frame.payload, peer: self.peer)
                    await self.respond(response, on: frame.streamID, outbound: outbound)
                }
            case .data:
                // No method takes client stream data; ttrpc forbids data on unary streams.
                logger.debug("data frame on a unary stream dropped", metadata: ["stream": "\(frame.streamID)"])
            case .response:
                throw ProtocolViolation(description: "a client sent a response frame on stream \(frame.streamID)")
            }
        }
    }

    private func openStream(_ streamID: UInt32) throws {
        guard streamID % 2 == 1 else {
            throw ProtocolViolation(description: "stream id \(streamID) is not odd")
        }
        let inserted = state.withLock { $0.openStreams.insert(streamID).inserted }
        guard inserted else {
            throw ProtocolViolation(description: "stream id \(streamID) is already in use")
        }
    }

    private func respond(_ response: Ttrpc_Response, on streamID: UInt32, outbound: NIOAsyncChannelOutboundWriter<Frame>) async {
        do {
            try await outbound.write(Frame.message(response, streamID: streamID, type: .response))
        } catch {
            logger.debug("response not delivered", metadata: ["stream": "\(streamID)", "error": "\(error)"])
        }
        let closeNow = state.withLock { state in
            state.openStreams.remove(streamID)
            return state.draining && state.openStreams.isEmpty
        }
        if closeNow { channel.close(promise: nil) }
    }

    /// Lets the calls in flight finish, then closes the connection.
    func drain() {
        let closeNow = state.withLock { state in
            state.draining = true
            return state.openStreams.isEmpty
        }
        if closeNow { channel.close(promise: nil) }
    }

    /// Closes the connection now, whatever is in flight.
    func close() {
        channel.close(promise: nil)
    }
}
