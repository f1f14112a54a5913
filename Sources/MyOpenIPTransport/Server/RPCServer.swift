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
    private typealias Listener = NIOAsyncChannel<ConnectionHandle, Never>

    private enum Transport: String { case unix, tcp }

    private struct State {
        var addresses: Result<ListeningAddresses, any Error>?
        var waiters: [CheckedContinuation<ListeningAddresses, any Error>] = []
        var listeners: [any Channel] = []
        var shutdownRequested = false
        /// Connections accepted and not yet closed, refused ones aside.
        var open = 0
        /// ``RPCServerConfiguration/maximumConnections``, lowered to what the open-file limit allows.
        var maximumConnections = 0
    }

    public let configuration: RPCServerConfiguration
    private let dispatcher: CallDispatcher
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let registry = ConnectionRegistry()
    private let state = Mutex(State())

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
    /// Bytes and connections, counted as they go.
    public let counters = TransportCounters()

    public func run() async throws {
        applyFileDescriptorLimit()
        let listeners: [(Transport, Listener)]
        do {
            listeners = try await bindListeners()
        } catch {
            publish(.failure(error))
            throw error
        }
        defer { if let unix = configuration.unix { UnixSocketFile.remove(unix.path) } }

        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { acceptors in
                for (transport, listener) in listeners {
                    acceptors.addTask { await self.accept(on: listener, transport: transport) }
                }
            }
            // The listeners are closed: shutdown began, or the server task was cancelled.
            await self.closeConnections()
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
        logger.info(
            "shutting down: no new connections, draining calls in flight",
            metadata: ["connections": "\(registry.count)", "grace": "\(configuration.gracePeriod)"])
        dispatcher.servingState.beginDraining()
        for listener in listeners { listener.close(promise: nil) }
        registry.drainAll()
    }

    /// Lets every connection finish its calls within the grace period, then closes the rest.
    private func closeConnections() async {
        registry.drainAll()
        guard await !registry.waitUntilEmpty(timeout: configuration.gracePeriod) else { return }
        logger.warning(
            "closing connections with calls still in flight",
            metadata: ["connections": "\(registry.count)"])
        await registry.closeAll()
    }

    private func publish(_ result: Result<ListeningAddresses, any Error>) {
        let waiters = state.withLock { state in
            state.addresses = result
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    // MARK: Limits

    /// Room kept under the open-file limit for what is not a connection: the database and its
    /// journal, logs, the listeners.
    static let descriptorsForOtherUses = 64

    /// Raises the soft open-file limit to the hard one and keeps the connection limit under it,
    /// with room for the operator's reserve: connections are refused by count long before
    /// `accept` could run out of descriptors.
    private func applyFileDescriptorLimit() {
        if let (before, after) = FileDescriptorLimit.raiseToHardLimit() {
            logger.info("raised the open-file limit", metadata: ["from": "\(before)", "to": "\(after)"])
        }
        let available = FileDescriptorLimit.current - Self.descriptorsForOtherUses - configuration.operatorReserve
        let maximum = max(1, min(configuration.maximumConnections, available))
        if maximum < configuration.maximumConnections {
            logger.warning(
                "the open-file limit lowers the connection limit",
                metadata: ["configured": "\(configuration.maximumConnections)", "effective": "\(maximum)"])
        }
        state.withLock { $0.maximumConnections = maximum }
    }

    /// Counts a new connection in, or says no when the limit is reached; operator connections
    /// may use the reserve above the limit.
    private func admit(isOperator: Bool) -> Bool {
        state.withLock { state in
            let limit = state.maximumConnections + (isOperator ? configuration.operatorReserve : 0)
            guard state.open < limit else { return false }
            state.open += 1
            return true
        }
    }

    private func release() {
        state.withLock { $0.open -= 1 }
    }

    // MARK: Listening

    private func bindListeners() async throws -> [(Transport, Listener)] {
        var listeners: [(Transport, Listener)] = []
        var addresses = ListeningAddresses()
        do {
            if let unix = configuration.unix {
                try UnixSocketFile.prepare(unix.path)
                let listener = try await bootstrap(transport: .unix)
                    .bind(unixDomainSocketPath: unix.path, cleanupExistingSocketFile: false) {
                        self.initialize($0, transport: .unix)
                    }
                UnixSocketFile.setPermissions(unix.path, unix.permissions)
                listeners.append((.unix, listener))
                addresses.unixPath = unix.path
                logger.info("listening", metadata: ["transport": "unix", "path": "\(unix.path)"])
            }
            if let tcp = configuration.tcp {
                let listener = try await bootstrap(transport: .tcp)
                    .bind(host: tcp.host, port: tcp.port) { self.initialize($0, transport: .tcp) }
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
        let (logger, throttle) = (self.logger, dispatcher.peerErrors)
        let bootstrap = ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptOverloadHandler(logger: logger, throttle: throttle))
                }
            }
            .childChannelOption(.allowRemoteHalfClosure, value: false)
        switch transport {
        case .tcp:
            return
                bootstrap
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
        case .unix:
            return bootstrap
        }
    }

    private func initialize(_ channel: any Channel, transport: Transport) -> EventLoopFuture<ConnectionHandle> {
        let peer: EventLoopFuture<Peer>
        switch transport {
        case .unix:
            peer = PeerCredentialsReader.read(from: channel).map { .unix($0) }
        case .tcp:
            let remote = channel.remoteAddress
            peer = channel.eventLoop.makeSucceededFuture(.tcp(host: remote?.ipAddress ?? "unknown", port: remote?.port ?? 0))
        }
        let (dispatcher, maximumPayloadSize, logger) = (self.dispatcher, configuration.maximumPayloadSize, self.logger)
        let configuration = self.configuration
        return peer.flatMapThrowing { peer in
            let isOperator =
                if case .unix(let credentials?) = peer { configuration.operatorUIDs.contains(credentials.uid) } else { false }
            let counters = self.counters
            if self.admit(isOperator: isOperator) {
                counters.accepted(unix: transport == .unix)
                channel.closeFuture.whenComplete { _ in
                    self.release()
                    counters.closed(unix: transport == .unix)
                }
            } else {
                counters.refusedByLimit.add(1, ordering: .relaxed)
                dispatcher.peerErrors.log(
                    logger, level: .warning, "connection refused: too many connections open",
                    metadata: ["peer": "\(peer)", "maximum": "\(self.state.withLock { $0.maximumConnections })"])
                channel.close(promise: nil)
            }
            let limits = ServerConnectionHandler.Limits(
                current: isOperator ? configuration.trusted : configuration.anonymous,
                onceSignedIn: isOperator ? nil : configuration.trusted,
                stalledReaderTimeout: configuration.stalledReaderTimeout)
            let handler = ServerConnectionHandler(
                peer: peer, dispatcher: dispatcher, maximumPayloadSize: maximumPayloadSize, limits: limits,
                eventLoop: channel.eventLoop, logger: logger, peerErrors: dispatcher.peerErrors, counters: counters)
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(ByteToMessageHandler(FrameDecoder(maximumPayloadSize: maximumPayloadSize)))
            try pipeline.addHandler(handler)
            return ConnectionHandle(channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
        }
    }

    private func accept(on listener: Listener, transport: Transport) async {
        do {
            try await listener.executeThenClose { inbound in
                for try await connection in inbound {
                    registry.add(connection)
                }
            }
        } catch {
            logger.error("listener failed", metadata: ["transport": "\(transport.rawValue)", "error": "\(error)"])
        }
    }
}
