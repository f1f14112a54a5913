/// The credentials of the process at the other end of a Unix socket (`SO_PEERCRED`).
public struct PeerCredentials: Sendable, Hashable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }
}

/// Who is at the other end of the connection a call arrived on.
public enum Peer: Sendable, Hashable, CustomStringConvertible {
    /// A Unix-socket peer, with its kernel-given credentials when they could be read.
    case unix(PeerCredentials?)
    /// A TCP peer and its address.
    case tcp(host: String, port: Int)

    public var description: String {
        switch self {
        case .unix(let credentials?): return "unix(pid=\(credentials.pid),uid=\(credentials.uid))"
        case .unix(nil): return "unix(unknown)"
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}
