#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prepares the path of a Unix socket before binding it: creates its folder, replaces a stale
/// socket file left by a crash, and refuses to steal the socket of a daemon that is still alive.
public enum UnixSocketFile {
    enum Failure: Error, CustomStringConvertible {
        case inUse(String)
        case notASocket(String)
        case pathTooLong(String)
        case cannotCreateFolder(String, errno: Int32)

        var description: String {
            switch self {
            case .inUse(let path): return "another daemon is already listening on \(path)"
            case .notASocket(let path): return "\(path) exists and is not a socket; refusing to replace it"
            case .pathTooLong(let path): return "the socket path \(path) is too long for a Unix socket"
            case .cannotCreateFolder(let path, let code):
                return "cannot create the folder \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Makes `path` ready for `bind`: afterwards nothing exists there.
    static func prepare(_ path: String) throws {
        var probe = sockaddr_un()
        guard path.utf8.count < MemoryLayout.size(ofValue: probe.sun_path) else { throw Failure.pathTooLong(path) }
        try createFolder(of: path)

        var info = stat()
        guard lstat(path, &info) == 0 else { return }  // nothing there
        guard (info.st_mode & S_IFMT) == S_IFSOCK else { throw Failure.notASocket(path) }
        if isAlive(path, address: &probe) { throw Failure.inUse(path) }
        unlink(path)
    }

    /// Sets the permission bits of the bound socket file.
    static func setPermissions(_ path: String, _ permissions: UInt32) {
        chmod(path, mode_t(permissions))
    }

    /// Removes the socket file at shutdown.
    static func remove(_ path: String) {
        unlink(path)
    }

    private static func createFolder(of path: String) throws {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        var current = path.hasPrefix("/") ? "" : "."
        for component in path[..<slash].split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o750) != 0 && errno != EEXIST {
                throw Failure.cannotCreateFolder(current, errno: errno)
            }
        }
    }

    /// Whether a daemon accepts connections on the socket at `path` (false for a path too long
    /// to be a socket's).
    public static func isServed(_ path: String) -> Bool {
        var address = sockaddr_un()
        guard path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        return isAlive(path, address: &address)
    }

    /// Whether a process accepts connections on the socket at `path`.
    private static func isAlive(_ path: String, address: inout sockaddr_un) -> Bool {
        #if canImport(Glibc)
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}
