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

    public var unix: UnixListener?
    public var tcp: TCPListener?
    /// Frames with a larger payload are refused with RESOURCE_EXHAUSTED, unread.
    public var maximumPayloadSize: Int
    /// How long in-flight calls may run on after shutdown begins.
    public var gracePeriod: Duration
    /// Calls one connection may have in flight; more are refused with RESOURCE_EXHAUSTED.
    public var maximumCallsPerConnection: Int

    public init(
        unix: UnixListener? = nil,
        tcp: TCPListener? = nil,
        maximumPayloadSize: Int = FrameHeader.defaultMaximumPayloadSize,
        gracePeriod: Duration = .seconds(10),
        maximumCallsPerConnection: Int = 1024
    ) {
        self.unix = unix
        self.tcp = tcp
        self.maximumPayloadSize = maximumPayloadSize
        self.gracePeriod = gracePeriod
        self.maximumCallsPerConnection = maximumCallsPerConnection
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
