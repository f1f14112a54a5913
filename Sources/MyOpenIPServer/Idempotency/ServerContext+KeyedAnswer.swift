import Foundation
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf
import Synchronization

extension ServerContext {
    /// Runs `write` and answers `respond` of its value. Under an idempotency key, the answer is
    /// made inside the write's own transaction and kept with the key's record, so that the write
    /// and what a retry is told are committed together (``KeyedWrite``). `respond` must be a
    /// pure mapping: it runs in the transaction, once; the response it made there is answered, and
    /// the bytes kept are sent as they are.
    ///
    /// `Value` must be the type of the value the write's transaction returns; a debug build stops
    /// when it is not (the answer would then be kept by a second commit, after the write).
    func answering<Value: Sendable, Response: SwiftProtobuf.Message>(
        _ respond: @escaping @Sendable (Value) throws -> Response, write: () async throws -> Value
    ) async throws -> Response {
        guard let keyed = KeyedWrite.current else { return try respond(try await write()) }
        // The response made in the transaction, and its bytes: answered as they are, unless a
        // later write of the call kept another answer.
        let made = Mutex<(response: Response, payload: Data)?>(nil)
        keyed.expectAnswer { (value: Value) in
            let response = try respond(value)
            let payload: Data = try response.serializedBytes()
            made.withLock { $0 = (response, payload) }
            return payload
        }
        defer { keyed.stopExpectingAnswer() }
        let value = try await write()
        assert(
            keyed.recordID == nil || keyed.keptAnswer != nil,
            "\(method): the write's transaction returned no \(Value.self), so it kept no answer")
        if let made = made.withLock({ $0 }), let kept = keyed.keptAnswer, made.payload == kept {
            notes.prepare(made.response, serializedAs: kept)
            return made.response
        }
        return try respond(value)
    }
}
