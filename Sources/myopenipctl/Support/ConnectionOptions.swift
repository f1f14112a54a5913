import ArgumentParser
import Foundation
import MyOpenIPClient
import MyOpenIPTransport

/// The options every subcommand takes: where the daemon is, how long to wait, how to print.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "The daemon's Unix socket (default: MYOPENIP_SOCKET, else the daemon's default).")
    var socket: String?

    @Option(name: .long, help: "The daemon's TCP address HOST:PORT, instead of the socket.")
    var address: String?

    // Unconditional, so that `--timeout -1` is read as a value (and refused as such), not as an option.
    @Option(name: .long, parsing: .unconditional, help: "Seconds to wait for an answer.")
    var timeout: Double = 10

    @Flag(name: .long, help: "Print JSON instead of tables.")
    var json = false

    @Option(
        name: .long, parsing: .unconditional,
        help: "A session token from `login` (default: MYOPENIP_TOKEN); without one, the Unix socket's uid decides.")
    var token: String?

    func validate() throws {
        if socket != nil && address != nil {
            throw ValidationError("give --socket or --address, not both")
        }
        if let address, ConnectionTarget(parsing: address).map({ if case .tcp = $0 { true } else { false } }) != true {
            throw ValidationError("--address must be HOST:PORT, e.g. 127.0.0.1:\(DefaultEndpoints.tcpPort)")
        }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    var target: ConnectionTarget {
        if let address, let target = ConnectionTarget(parsing: address) { return target }
        return .unix(path: socket ?? DefaultEndpoints.socketPath(environment: ProcessInfo.processInfo.environment))
    }

    /// Runs `body` with a client, closing it after, and turns an ``RPCError`` into a message and an exit code.
    func withClient<T>(_ body: (MyOpenIPClient) async throws -> T) async throws -> T {
        try await withClient(timeout: deadline, body)
    }

    /// `--timeout` as the client's default deadline.
    var deadline: Duration { .milliseconds(Int64(timeout * 1000)) }

    /// The same, with `timeout` as the client's default deadline (nil: none, for streams), and
    /// an idempotency key sent with every call (writes only: see ``WriteOptions``).
    func withClient<T>(
        timeout: Duration?, idempotencyKey: String? = nil, _ body: (MyOpenIPClient) async throws -> T
    ) async throws -> T {
        let client = MyOpenIPClient(target: target, configuration: .init(defaultTimeout: timeout, connectTimeout: .seconds(3)))
        if let session = token ?? ProcessInfo.processInfo.environment["MYOPENIP_TOKEN"], !session.isEmpty {
            client.sessionToken = session
        }
        if let idempotencyKey {
            client.metadata[Metadata.Keys.idempotencyKey] = idempotencyKey
        }
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch let error as RPCError {
            await client.close()
            Output.printError(error, json: json)
            throw ExitCode(CLIExitCode.for(error).rawValue)
        }
    }
}
