#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The embedded defaults that the daemon and its clients agree on.
public enum DefaultEndpoints {
    /// The default TCP port of myopenipd.
    public static let tcpPort = 7421
    /// The default TCP host: loopback only.
    public static let tcpHost = "127.0.0.1"
    /// The socket file name inside the data folder.
    public static let socketFileName = "myopenipd.sock"

    /// The default data folder: `$MYOPENIP_DATA_DIR`, else `/var/lib/myopenip` for root, else
    /// `$XDG_STATE_HOME/myopenip` (`~/.local/state/myopenip`).
    public static func dataDirectory(environment: [String: String]) -> String {
        if let folder = environment["MYOPENIP_DATA_DIR"], !folder.isEmpty { return folder }
        if getuid() == 0 { return "/var/lib/myopenip" }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/myopenip" }
        return (environment["HOME"] ?? "/tmp") + "/.local/state/myopenip"
    }

    /// The default Unix socket: `$MYOPENIP_SOCKET`, else `myopenipd.sock` in the data folder.
    public static func socketPath(environment: [String: String]) -> String {
        if let path = environment["MYOPENIP_SOCKET"], !path.isEmpty { return path }
        return socketPath(inDataDirectory: dataDirectory(environment: environment))
    }

    /// The default socket of a daemon whose data folder is `folder`.
    public static func socketPath(inDataDirectory folder: String) -> String {
        folder + "/" + socketFileName
    }
}
