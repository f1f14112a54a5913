import Foundation
import GRDB

/// Copies of the database taken while it serves, and their return.
extension Store {
    /// What a copy holds.
    public struct BackupFacts: Sendable, Hashable {
        /// The last migration of its schema ("v16_network").
        public var schema: String
        public var bytes: Int
    }

    /// Writes a consistent copy of the database to `destination` (a new file, 0600): SQLite's
    /// online backup of one read snapshot, so writes go on meanwhile and every write committed
    /// before the call is in it. Blocks its thread for the copy: call it off the event loops.
    public func backup(to destination: String) throws -> BackupFacts {
        let descriptor = open(destination, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.backupFailed("cannot create \(destination): errno \(errno)") }
        close(descriptor)
        do {
            let copy = try DatabaseQueue(path: destination)
            try writer.backup(to: copy)
            // One file that stands alone: no journal beside it.
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            let facts = try Self.inspect(destination, migrations: nil)
            return facts
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            throw error
        }
    }

    /// Checks that `path` is a whole MyOpenIP database this build can open (its integrity, and
    /// no migration unknown among `migrations` when given); what it holds.
    public static func inspect(_ path: String, migrations: [StoreMigration]?) throws -> BackupFacts {
        var readOnly = Configuration()
        readOnly.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: readOnly)
        defer { try? queue.close() }
        let schema = try queue.read { db -> String in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard integrity == ["ok"] else {
                throw StoreError.backupFailed("\(path) is damaged: \(integrity.prefix(3).joined(separator: "; "))")
            }
            guard try db.tableExists("grdb_migrations"), try db.tableExists("installation"),
                let last = try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1")
            else { throw StoreError.backupFailed("\(path) is not a MyOpenIP database") }
            return last
        }
        if let migrations {
            let unknown = try unknownMigrations(in: queue, known: migrations)
            guard unknown.isEmpty else { throw StoreError.newerSchema(path: path, unknown: unknown) }
        }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return BackupFacts(schema: schema, bytes: size)
    }

    /// Brings the copy `source` back as the database of `folder`, with the daemon stopped: the
    /// copy is checked, written beside the database and renamed over it; the database it
    /// replaces (with its journal) is kept as `myopenip.sqlite.replaced-DATE`. Returns what was
    /// restored and the name of the replaced file, if there was one.
    public static func restore(from source: String, into folder: String, migrations: [StoreMigration]) throws -> (
        facts: BackupFacts, replaced: String?
    ) {
        let facts = try inspect(source, migrations: migrations)
        let manager = FileManager.default
        if !manager.fileExists(atPath: folder) {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let database = folder + "/" + fileName
        let incoming = database + ".restoring"
        try? manager.removeItem(atPath: incoming)
        try manager.copyItem(atPath: source, toPath: incoming)
        guard chmod(incoming, 0o600) == 0 else { throw StoreError.backupFailed("cannot restrict \(incoming)") }
        try Self.sync(incoming)
        var replaced: String?
        if manager.fileExists(atPath: database) {
            let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
            let kept = database + ".replaced-" + stamp
            for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: database + suffix) {
                try manager.moveItem(atPath: database + suffix, toPath: kept + suffix)
            }
            replaced = kept
        }
        guard rename(incoming, database) == 0 else { throw StoreError.backupFailed("cannot rename \(incoming): errno \(errno)") }
        try Self.sync(folder)
        return (facts, replaced)
    }

    /// fsync of a file or folder: the restored database is on disk before the daemon starts.
    private static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.backupFailed("cannot open \(path): errno \(errno)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StoreError.backupFailed("cannot sync \(path): errno \(errno)") }
    }
}
