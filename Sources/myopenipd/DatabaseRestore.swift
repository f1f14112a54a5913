import Foundation
import MyOpenIPServer
import MyOpenIPStore

/// `myopenipd --restore FILE`: brings a copy made by `myopenipctl backup` back as the database
/// of the data folder, with the daemon stopped, then exits. The copy is checked first (whole,
/// a MyOpenIP database, not from a newer build); the database it replaces is kept beside it.
enum DatabaseRestore {
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    static func run(source: String, configuration: DaemonConfiguration) throws -> String {
        if let socket = configuration.socketPath, isServed(socket) {
            throw Refusal(description: "a daemon is serving \(socket): stop it before restoring its data folder")
        }
        let migrations = Daemon.domains.flatMap(\.migrations)
        let (facts, replaced) = try Store.restore(
            from: source, into: configuration.dataDirectory, migrations: migrations)
        var text = "restored \(source) (\(facts.bytes) bytes, schema \(facts.schema)) into \(configuration.dataDirectory)"
        if let replaced { text += "; the database it replaces is kept as \(replaced)" }
        return text + "; start myopenipd to serve it (it applies the migrations the copy lacks)"
    }

    /// Whether something accepts connections on the Unix socket `path`.
    static func isServed(_ path: String) -> Bool {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }
}
