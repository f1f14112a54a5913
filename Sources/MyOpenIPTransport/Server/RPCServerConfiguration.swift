import MyOpenIPRPC

/// Where and how an ``RPCServer`` listens.
public struct RPCServerConfiguration: Sendable {
    /// A Unix socket to listen on.
    public struct UnixListener: Sendable, Hashable {
        public var path: String
        /// Permission bits given to the socket file after it is bound (default 0660).
        public var permissions: UInt32

        public init(path: String, permissions: UInt32 = 0o660) {
            self.path = path
            self.permissions = permissions
        }
    }

    /// A TCP address to listen on; port 0 asks the system for a free port.
    public struct TCPListener: Sendable, Hashable {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    /// What one connection may hold: calls in flight, unread answers, idle time.
    public struct ConnectionLimits: Sendable, Hashable {
        /// Calls in flight; more are refused with RESOURCE_EXHAUSTED `TOO_MANY_CALLS`.
        public var maximumCalls: Int
        /// Bytes of answers the peer has not read yet: past them, the connection stops reading
        /// requests until the peer reads (its unread requests wait in the kernel's buffers).
        public var maximumUnwrittenBytes: Int
        /// A connection with no call in flight for this long is closed.
        public var idleTimeout: Duration
        /// Socket reads per wake-up of the event loop (each up to 64 KiB): what a peer can have
        /// read ahead of the daemon's answers.
        public var readsPerWakeup: Int
        /// The kernel's send and receive buffers of the socket, or nil to leave the system's
        /// (autotuned) ones: small ones keep a peer that does not read from making the daemon
        /// answer megabytes, and from parking megabytes of requests in the kernel.
        public var socketBuffers: Int?

        public init(
            maximumCalls: Int, maximumUnwrittenBytes: Int, idleTimeout: Duration, readsPerWakeup: Int = 4,
            socketBuffers: Int? = nil
        ) {
            self.maximumCalls = maximumCalls
            self.maximumUnwrittenBytes = maximumUnwrittenBytes
            self.idleTimeout = idleTimeout
            self.readsPerWakeup = readsPerWakeup
            self.socketBuffers = socketBuffers
        }

        /// Operator staff's Unix-socket connections, and connections where a session signed in.
        public static let trusted = ConnectionLimits(
            maximumCalls: 1024, maximumUnwrittenBytes: 4 << 20, idleTimeout: .seconds(600))
        /// Every other connection, until a call on it signs in: anonymous TCP peers above all.
        public static let anonymous = ConnectionLimits(
            maximumCalls: 16, maximumUnwrittenBytes: 128 << 10, idleTimeout: .seconds(30), readsPerWakeup: 1,
            socketBuffers: 64 << 10)
    }

    public var unix: UnixListener?
    public var tcp: TCPListener?
    /// Frames with a larger payload are refused with RESOURCE_EXHAUSTED, unread.
    public var maximumPayloadSize: Int
    /// How long in-flight calls may run on after shutdown begins.
    public var gracePeriod: Duration
    /// The limits of operator and signed-in connections.
    public var trusted: ConnectionLimits
    /// The limits of the other connections.
    public var anonymous: ConnectionLimits
    /// Connections open at once; more are closed as soon as accepted. Lowered at start to what
    /// the open-file limit allows, keeping room for the database and ``operatorReserve``.
    public var maximumConnections: Int
    /// Connections of operator staff (Unix socket, operator uid) accepted beyond
    /// ``maximumConnections``, so that the operator can always connect.
    public var operatorReserve: Int
    /// A peer whose unread answers stay over its limit this long is closed: it does not read.
    public var stalledReaderTimeout: Duration
    /// The uids whose Unix-socket connections are the operator's: trusted limits, and the reserve.
    public var operatorUIDs: Set<UInt32>

    /// Calls one connection may have in flight (of the trusted limits).
    public var maximumCallsPerConnection: Int {
        get { trusted.maximumCalls }
        set { trusted.maximumCalls = newValue }
    }

    public init(
        unix: UnixListener? = nil,
        tcp: TCPListener? = nil,
        maximumPayloadSize: Int = FrameHeader.defaultMaximumPayloadSize,
        gracePeriod: Duration = .seconds(10),
        maximumCallsPerConnection: Int = 1024,
        anonymous: ConnectionLimits = .anonymous,
        maximumConnections: Int = 1024,
        operatorReserve: Int = 32,
        stalledReaderTimeout: Duration = .seconds(30),
        operatorUIDs: Set<UInt32> = []
    ) {
        self.operatorUIDs = operatorUIDs
        self.unix = unix
        self.tcp = tcp
        self.maximumPayloadSize = maximumPayloadSize
        self.gracePeriod = gracePeriod
        var trusted = ConnectionLimits.trusted
        trusted.maximumCalls = maximumCallsPerConnection
        self.trusted = trusted
        self.anonymous = anonymous
        self.maximumConnections = maximumConnections
        self.operatorReserve = operatorReserve
        self.stalledReaderTimeout = stalledReaderTimeout
    }
}

/// The addresses a running server really listens on.
public struct ListeningAddresses: Sendable, Hashable {
    /// The Unix socket path, if any.
    public var unixPath: String?
    /// The bound TCP host and port (the real port when 0 was asked), if any.
    public var tcp: RPCServerConfiguration.TCPListener?

    public init(unixPath: String? = nil, tcp: RPCServerConfiguration.TCPListener? = nil) {
        self.unixPath = unixPath
        self.tcp = tcp
    }
}
