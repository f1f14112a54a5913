import ArgumentParser
import MyOpenIPClient

/// The options of a command that writes: those of every command, and the idempotency key, which
/// only a write takes (a read is safe to run again as it is).
struct WriteOptions: ParsableArguments {
    @OptionGroup var connection: ConnectionOptions

    @Option(
        name: .long, parsing: .unconditional,
        help: "Send this idempotency key: the write run again with the same key is not done twice (see docs/protocol.md).")
    var idempotencyKey: String?

    var json: Bool { connection.json }

    /// Runs `body` with a client that sends the idempotency key, if one was given.
    func withClient<T>(_ body: (MyOpenIPClient) async throws -> T) async throws -> T {
        try await connection.withClient(timeout: connection.deadline, idempotencyKey: idempotencyKey, body)
    }
}
