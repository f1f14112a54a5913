import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPTransport
import NIOCore
import NIOFoundationCompat
import NIOPosix
import SwiftProtobuf
import Synchronization

/// The Swift client of myopenipd, for internal microservices and the CLI.
///
/// One client holds one connection, opened on first call and reopened on the next call after it
/// was lost, on which any number of concurrent calls are multiplexed. Each service has a typed
/// facade (``health``, ``reflection``). Every failure is an ``RPCError``.
///
/// ```swift
/// let client = MyOpenIPClient(target: .unix(path: "/var/lib/myopenip/myopenipd.sock"))
/// let status = try await client.health.check()
/// ```
public final class MyOpenIPClient: Sendable {
    /// Settings of a client.
    public struct Configuration: Sendable {
        /// The timeout of calls whose options give none; nil waits as long as it takes.
        public var defaultTimeout: Duration?
        /// The largest request or response accepted, in bytes.
        public var maximumMessageSize: Int
        /// How long to wait for the connection to open.
        public var connectTimeout: Duration

        public init(
            defaultTimeout: Duration? = .seconds(30),
            maximumMessageSize: Int = FrameHeader.defaultMaximumPayloadSize,
            connectTimeout: Duration = .seconds(5)
        ) {
            self.defaultTimeout = defaultTimeout
            self.maximumMessageSize = maximumMessageSize
            self.connectTimeout = connectTimeout
        }
    }

    public let target: ConnectionTarget
    public let configuration: Configuration
    private let connection: ClientConnection
    private let defaultMetadata = Mutex(Metadata())

    public init(
        target: ConnectionTarget,
        configuration: Configuration = Configuration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.target = target
        self.configuration = configuration
        self.connection = ClientConnection(
            target: target,
            maximumPayloadSize: configuration.maximumMessageSize,
            connectTimeout: configuration.connectTimeout,
            eventLoopGroup: eventLoopGroup)
    }

    /// A client of the daemon listening on the Unix socket at `path`.
    public convenience init(unixSocketPath path: String, configuration: Configuration = Configuration()) {
        self.init(target: .unix(path: path), configuration: configuration)
    }

    /// A client of the daemon listening on TCP at `host:port`.
    public convenience init(host: String, port: Int, configuration: Configuration = Configuration()) {
        self.init(target: .tcp(host: host, port: port), configuration: configuration)
    }

    /// The executor of the event loop this client's connection lives on. Tasks that prefer it
    /// (`Task(executorPreference:)`, `withTaskExecutorPreference`) make calls without crossing
    /// threads, for the lowest latency.
    public var preferredTaskExecutor: any TaskExecutor { connection.taskExecutor }

    /// Metadata sent with every call (e.g. the `authorization` of a session); per-call metadata wins.
    public var metadata: Metadata {
        get { defaultMetadata.withLock { $0 } }
        set { defaultMetadata.withLock { $0 = newValue } }
    }

    /// The session token sent with every call as `authorization: Bearer <token>`: set by
    /// ``IdentityClient/login(identifier:password:options:)``, cleared by ``IdentityClient/logout(options:)``;
    /// nil sends none.
    public var sessionToken: String? {
        get { defaultMetadata.withLock { $0.bearerToken } }
        set { defaultMetadata.withLock { $0[Metadata.Keys.authorization] = newValue.map { "Bearer \($0)" } } }
    }

    /// Calls a unary method with typed messages.
    public func unary<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ method: MethodDescriptor,
        request: Request,
        as response: Response.Type = Response.self,
        options: CallOptions = .default
    ) async throws -> Response {
        let envelope = try envelope(method, request: request, options: options)
        let reply = try await connection.call(envelope, timeout: options.timeout ?? configuration.defaultTimeout)
        guard reply.status.code == StatusCode.ok.rawValue else {
            throw RPCError(status: reply.status)
        }
        do {
            return try Response(serializedBytes: reply.payload)
        } catch {
            throw RPCError(
                .internal, "the daemon sent a malformed \(Response.protoMessageName)", reason: "MALFORMED_RESPONSE")
        }
    }

    /// The request envelope of a call: method, serialized request, metadata.
    private func envelope(
        _ method: MethodDescriptor, request: some SwiftProtobuf.Message, options: CallOptions
    ) throws -> Ttrpc_Request {
        var envelope = Ttrpc_Request()
        envelope.service = method.service
        envelope.method = method.method
        do {
            envelope.payload = try request.serializedBytes()
        } catch {
            throw RPCError(.invalidArgument, "the request cannot be serialized: \(error)", reason: "MALFORMED_REQUEST")
        }
        let metadata = defaultMetadata.withLock { $0 }.merging(options.metadata)
        if !metadata.isEmpty { envelope.metadata = metadata.keyValues }
        return envelope
    }

    /// Calls a server-streaming method: the sequence yields each message as it arrives, ends when
    /// the daemon ends the call, and throws ``RPCError`` on an error status, when the deadline
    /// passes, or when the connection is lost. A stream has no deadline unless `options` gives
    /// one (the client's default timeout applies to unary calls only). Stopping the iteration
    /// abandons the call.
    public func serverStreaming<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ method: MethodDescriptor,
        request: Request,
        as response: Response.Type = Response.self,
        options: CallOptions = .default
    ) async throws -> some AsyncSequence<Response, any Error> {
        let envelope = try envelope(method, request: request, options: options)
        let frames = try await connection.serverStream(envelope, timeout: options.timeout)
        return frames.map { bytes in
            do {
                return try Response(serializedBytes: Data(buffer: bytes, byteTransferStrategy: .noCopy))
            } catch {
                throw RPCError(
                    .internal, "the daemon sent a malformed \(Response.protoMessageName)", reason: "MALFORMED_RESPONSE")
            }
        }
    }

    /// Closes the connection. Calls made afterwards fail with UNAVAILABLE.
    public func close() async {
        await connection.close()
    }
}
