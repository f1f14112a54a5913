import Foundation
import MyOpenIPRPC
import NIOCore

/// The server end of a server-streaming call: each message goes out as a data frame on the
/// call's stream, from the connection's event loop.
struct ChannelStreamSink: ServerStreamSink {
    let handler: NIOLoopBound<ServerConnectionHandler>
    let streamID: UInt32

    func send(_ payload: Data) async throws {
        let eventLoop = handler.eventLoop
        let promise = eventLoop.makePromise(of: Void.self)
        let write: @Sendable () -> Void = { handler.value.sendData(payload, on: streamID, promise: promise) }
        if eventLoop.inEventLoop { write() } else { eventLoop.execute(write) }
        try await promise.futureResult.get()
    }
}
