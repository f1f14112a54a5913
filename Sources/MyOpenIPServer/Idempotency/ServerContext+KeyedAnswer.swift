import Foundation
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

extension ServerContext {
    /// Runs `write` and answers `respond` of its value. Under an idempotency key, the answer is
    /// made inside the write's own transaction and kept with the key's record, so that the write
    /// and what a retry is told are committed together (``KeyedWrite``). `respond` must be a
    /// pure mapping: it runs in the transaction.
    ///
    /// `Value` must be the type of the value the write's transaction returns; a debug build stops
    /// when it is not (the answer would then be kept by a second commit, after the write).
    func answering<Value: Sendable, Response: SwiftProtobuf.Message>(
        _ respond: @escaping @Sendable (Value) throws -> Response, write: () async throws -> Value
    ) async throws -> Response {
        guard let keyed = KeyedWrite.current else { return try respond(try await write()) }
        keyed.expectAnswer { (value: Value) in try respond(value).serializedBytes() as Data }
        defer { keyed.stopExpectingAnswer() }
        let value = try await write()
        assert(
            keyed.recordID == nil || keyed.keptAnswer != nil,
            "\(method): the write's transaction returned no \(Value.self), so it kept no answer")
        return try respond(value)
    }
}
