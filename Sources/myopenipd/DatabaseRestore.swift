import Foundation
import MyOpenIPServer
import MyOpenIPStore
import MyOpenIPTransport

/// `myopenipd --restore FILE`: brings a copy made by `myopenipctl backup` back as the database
/// of the data folder, with the daemon stopped, then exits. The copy is checked first (whole,
/// a MyOpenIP database, not from a newer build); the database it replaces is kept beside it.
enum DatabaseRestore {
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    static func run(source: String, configuration: DaemonConfiguration) throws -> String {
        if let socket = configuration.socketPath, UnixSocketFile.isServed(socket) {
            throw Refusal(description: "a daemon is serving \(socket): stop it before restoring its data folder")
        }
        let migrations = Daemon.domains.flatMap(\.migrations)
        let (facts, replaced) = try Store.restore(
            from: source, into: configuration.dataDirectory, migrations: migrations)
        var text = "restored \(source) (\(facts.bytes) bytes, schema \(facts.schema)) into \(configuration.dataDirectory)"
        if let replaced { text += "; the database it replaces is kept as \(replaced)" }
        return text + "; start myopenipd to serve it (it applies the migrations the copy lacks)"
    }
}
