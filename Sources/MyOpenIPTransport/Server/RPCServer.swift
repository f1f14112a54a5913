import Logging
import MyOpenIPRPC
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The ttrpc server: listens on a Unix socket and on TCP at once and hands every request to a
/// ``CallDispatcher``.
///
/// Run it as a `Service` in a `ServiceGroup`. On graceful shutdown it stops accepting, reports
/// draining through the dispatcher's ``ServingState``, lets in-flight calls finish for up to the
/// grace period, closes the remaining connections, removes its socket file, and returns.
public final class RPCServer: Service, Sendable {
    private typealias Listener = NIOAsyncChannel<ServerConnection.AsyncChannel, Never>

    private enum Transport: String { case unix, tcp }

    private struct State {
        var addresses: Result<ListeningAddresses, any Error>?
        var waiters: [CheckedContinuation<ListeningAddresses, any Error>] = []
        var listeners: [any Channel] = []
        var shutdownRequested = false
    }

    public let configuration: RPCServerConfiguration
    private let dispatcher: CallDispatcher
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let registry = ConnectionRegistry()
    private let state = Mutex(State())
    private let shutdownSignal: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)

    public init(
        configuration: RPCServerConfiguration,
        dispatcher: CallDispatcher,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) {
        self.configuration = configuration
        self.dispatcher = dispatcher
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.shutdownSignal = AsyncStream.makeStream()
    }

    /// Waits until the server listens and returns the real addresses (the bound TCP port).
    /// Throws the binding error when the server could not start.
    public func listeningAddresses() async throws -> ListeningAddresses {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<ListeningAddresses, any Error>? in
                if state.addresses == nil { state.waiters.append(continuation) }
                return state.addresses
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// The number of connections currently open.
    public var connectionCount: Int { registry.count }

    public func run() async throws {
        let listeners: [(Transport, Listener)]
        do {
            listeners = try await bindListeners()
        } catch {
            publish(.failure(error))
            throw error
        }
        defer { if let unix = configuration.unix { UnixSocketFile.remove(unix.path) } }

        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await withDiscardingTaskGroup { acceptors in
                        for (transport, listener) in listeners {
                            acceptors.addTask { await self.accept(on: listener, transport: transport) }
                        }
                    }
                }
                group.addTask { await self.closeConnectionsAfterGracePeriod() }
                // Whichever ends first: every connection is closed, or the grace period ran out.
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.beginShutdown()
        }
        logger.info("server stopped")
    }

    /// Starts a graceful shutdown, as SIGTERM does through the service group.
    public func beginShutdown() {
        let listeners = state.withLock { state -> [any Channel] in
            guard !state.shutdownRequested else { return [] }
            state.shutdownRequested = true
            return state.listeners
        }
        guard !listeners.isEmpty else { return }
        logger.info("shutting down: no new connections, draining calls in flight",
                    metadata: ["connections": "\(registry.count)", "grace": "\(configuration.gracePeriod)"])
        dispatcher.servingState.beginDraining()
        listeners.forEach { $0.close(promise: nil) }
        registry.drainAll()
        shutdownSignal.continuation.yield()
        shutdownSignal.continuation.finish()
    }

    private func closeConnectionsAfterGracePeriod() async {
        for await _ in shutdownSignal.stream { break }
        guard !Task.isCancelled else { return }
        try? await Task.sleep(for: configuration.gracePeriod)
        guard !Task.isCancelled else { return }
        if registry.count > 0 {
            logger.warning("grace period over: closing connections with calls still in flight",
                           metadata: ["connections": "\(registry.count)"])
        }
        registry.closeAll()
    }

    private func publish(_ result: Result<ListeningAddresses, any Error>) {
        let waiters = state.withLock { state in
            state.addresses = result
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume(with: result) }
    }

    // MARK: Listening

    private func bindListeners() async throws -> [(Transport, Listener)] {
        var listeners: [(Transport, Listener)] = []
        var addresses = ListeningAddresses()
        do {
            if let unix = configuration.unix {
                try UnixSocketFile.prepare(unix.path)
                let listener = try await bootstrap(transport: .unix)
                    .bind(unixDomainSocketPath: unix.path, cleanupExistingSocketFile: false) { self.initialize($0) }
                UnixSocketFile.setPermissions(unix.path, unix.permissions)
                listeners.append((.unix, listener))
                addresses.unixPath = unix.path
                logger.info("listening", metadata: ["transport": "unix", "path": "\(unix.path)"])
            }
            if let tcp = configuration.tcp {
                let listener = try await bootstrap(transport: .tcp)
                    .bind(host: tcp.host, port: tcp.port) { self.initialize($0) }
                let port = listener.channel.localAddress?.port ?? tcp.port
                listeners.append((.tcp, listener))
                addresses.tcp = .init(host: tcp.host, port: port)
                logger.info("listening", metadata: ["transport": "tcp", "address": "\(tcp.host):\(port)"])
            }
        } catch {
            for (_, listener) in listeners { try? await listener.channel.close() }
            throw error
        }
        let alreadyStopping = state.withLock { state in
            state.listeners = listeners.map { $0.1.channel }
            return state.shutdownRequested
        }
        publish(.success(addresses))
        if alreadyStopping {
            for (_, listener) in listeners { listener.channel.close(promise: nil) }
        }
        return listeners
    }

    private func bootstrap(transport: Transport) -> ServerBootstrap {
        let bootstrap = ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.allowRemoteHalfClosure, value: false)
        switch transport {
        case .tcp:
            return bootstrap
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
        case .unix:
            return bootstrap
        }
    }

    private func initialize(_ channel: any Channel) -> EventLoopFuture<ServerConnection.AsyncChannel> {
        let maximumPayloadSize = configuration.maximumPayloadSize
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(
                ByteToMessageHandler(FrameDecoder(maximumPayloadSize: maximumPayloadSize)))
            try channel.pipeline.syncOperations.addHandler(MessageToByteHandler(FrameEncoder()))
            return try ServerConnection.AsyncChannel(wrappingChannelSynchronously: channel)
        }
    }

    private func accept(on listener: Listener, transport: Transport) async {
        do {
            try await withThrowingDiscardingTaskGroup { connections in
                try await listener.executeThenClose { inbound in
                    for try await asyncChannel in inbound {
                        connections.addTask { await self.serve(asyncChannel, transport: transport) }
                    }
                }
            }
        } catch {
            logger.error("listener failed", metadata: ["transport": "\(transport.rawValue)", "error": "\(error)"])
        }
    }

    private func serve(_ asyncChannel: ServerConnection.AsyncChannel, transport: Transport) async {
        let channel = asyncChannel.channel
        let peer: Peer
        switch transport {
        case .unix:
            peer = .unix(await PeerCredentialsReader.read(from: channel))
        case .tcp:
            let remote = channel.remoteAddress
            peer = .tcp(host: remote?.ipAddress ?? "unknown", port: remote?.port ?? 0)
        }
        let connection = ServerConnection(
            channel: channel, peer: peer, dispatcher: dispatcher,
            maximumPayloadSize: configuration.maximumPayloadSize, logger: logger)
        registry.add(connection)
        await connection.serve(asyncChannel)
        registry.remove(connection)
    }
}
