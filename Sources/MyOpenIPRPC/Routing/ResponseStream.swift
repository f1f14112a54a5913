import Foundation
import SwiftProtobuf

/// The typed writer a server-streaming handler sends its messages through.
public struct ResponseStream<Message: SwiftProtobuf.Message>: Sendable {
    private let sink: any ServerStreamSink

    init(sink: any ServerStreamSink) {
        self.sink = sink
    }

    /// Sends one message to the caller; waits until it is written.
    public func send(_ message: Message) async throws {
        let payload: Data
        do {
            payload = try message.serializedBytes()
        } catch {
            throw RPCError.internalError
        }
        try await sink.send(payload)
    }
}
