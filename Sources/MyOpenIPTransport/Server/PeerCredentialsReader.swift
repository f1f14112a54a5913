import MyOpenIPRPC
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the kernel-given credentials of a Unix-socket peer (`SO_PEERCRED`).
enum PeerCredentialsReader {
    /// The credentials of the peer of `channel`, or nil when the platform cannot tell.
    static func read(from channel: any Channel) -> EventLoopFuture<PeerCredentials?> {
        #if os(Linux)
            guard let provider = channel as? any SocketOptionProvider else {
                return channel.eventLoop.makeSucceededFuture(nil)
            }
            let future: EventLoopFuture<LinuxUcred> = provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
            return
                future
                .map { Optional(PeerCredentials(pid: $0.pid, uid: $0.uid, gid: $0.gid)) }
                .recover { _ in nil }
        #else
            return channel.eventLoop.makeSucceededFuture(nil)
        #endif
    }
}

#if os(Linux)
    /// The layout of Linux's `struct ucred` (pid, uid, gid), which Glibc's module map hides
    /// without `_GNU_SOURCE`.
    private struct LinuxUcred: Sendable {
        var pid: Int32
        var uid: UInt32
        var gid: UInt32
    }
#endif
