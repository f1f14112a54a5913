import Foundation
import GRDB
import Logging

/// The one database of a daemon: a GRDB `DatabasePool` over the system SQLite in WAL mode,
/// opened once, migrated on open, and owned here. Repositories (one per domain) are built on it.
public final class Store: Sendable {
    /// The file name of the database inside the data folder.
    public static let fileName = "myopenip.sqlite"

    /// The pool every repository reads and writes through.
    public let writer: any DatabaseWriter
    /// Where the database lives, or nil for an in-memory store.
    public let path: String?
    /// The generation of what sessions are allowed, moved by every write that changes it.
    public let authenticationChanges = AuthenticationChanges()
    /// The changes of orders and contracted offers, for the calls that watch them.
    public let orderChanges = OrderChangeFeed()
    /// The state changes of technical services, for the calls that watch them.
    public let linkStates = LinkStateFeed()
    /// Where the records of idempotency keys are, kept by the writes and read by the lookups.
    public let idempotencyKeys = IdempotencyKeyIndex()
    /// The writes of every repository: concurrent ones share one commit.
    public let writes: GroupCommit
    /// The reads of every repository, on the calling thread.
    public let reads: StoreReads
    /// Checkpoints the write-ahead log in the background (nil for an in-memory store); the
    /// daemon runs it as a background service.
    public let checkpointer: WALCheckpointer?
    private let migrator: DatabaseMigrator

    /// Opens (creating it if needed) the database at `path` and applies the `migrations` it
    /// does not have yet: those of every domain the daemon serves.
    public init(
        path: String, migrations: [StoreMigration], logger: Logger = Logger(label: "myopenip.store"),
        checkpointRestartFrames: Int = WALCheckpointer.defaultRestartFrames
    ) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // Every acknowledged write is on disk: each commit (a batch of writes) syncs the journal
            // (set again on the writer's connection below, where GRDB lowers it).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Deleted and rewritten content (a blanked link) is zeroed, not left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // Checkpoints run in the background (WALCheckpointer); a commit runs one only when
            // those fall far behind.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.fallbackPages)")
            try db.execute(sql: "PRAGMA journal_size_limit = \(WALCheckpointer.journalSizeLimit)")
        }
        // SQLite creates the journal files with the database file's mode: 0600 for all three.
        DatabaseFiles.restrict(path, logger: logger)
        // A database a newer build migrated is never touched, not even switched to WAL: its
        // tables may not be what this build's code reads and writes.
        if FileManager.default.fileExists(atPath: path) {
            var readOnly = Configuration()
            readOnly.readonly = true
            let unknown = try Self.unknownMigrations(in: DatabaseQueue(path: path, configuration: readOnly), known: migrations)
            guard unknown.isEmpty else { throw StoreError.newerSchema(path: path, unknown: unknown) }
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets the writer's connection to `synchronous = NORMAL` when it turns WAL on, after
        // `prepareDatabase`: set it back, since that is the connection whose commits must be on disk.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let migrator = StoreMigration.migrator(migrations)
        try migrator.migrate(pool)
        pool.add(transactionObserver: authenticationChanges, extent: .databaseLifetime)
        self.writer = pool
        self.writes = GroupCommit(writer: pool, keys: idempotencyKeys)
        self.reads = StoreReads(reader: pool)
        self.checkpointer = WALCheckpointer(path: path, writes: writes, restartFrames: checkpointRestartFrames)
        self.path = path
        self.migrator = migrator
        let version = try pool.read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") } ?? "?"
        logger.info("database open", metadata: ["path": "\(path)", "sqlite": "\(version)", "journal": "wal"])
    }

    /// The migrations recorded in the database that are not among `known`, in their order.
    static func unknownMigrations(in reader: any DatabaseReader, known: [StoreMigration]) throws -> [String] {
        let identifiers = Set(known.map(\.identifier))
        return try reader.read { db in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
                .filter { !identifiers.contains($0) }
        }
    }

    /// A store in memory, for repository tests: the same schema and rules, nothing on disk, gone
    /// when the store is.
    public init(inMemoryWith migrations: [StoreMigration]) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: configuration)
        let migrator = StoreMigration.migrator(migrations)
        try migrator.migrate(queue)
        queue.add(transactionObserver: authenticationChanges, extent: .databaseLifetime)
        self.writer = queue
        self.writes = GroupCommit(writer: queue, keys: idempotencyKeys)
        self.reads = StoreReads(reader: queue)
        self.checkpointer = nil
        self.path = nil
        self.migrator = migrator
    }

    /// Opens the database inside `folder`, creating the folder (mode 0700) if needed. A folder
    /// other users may write to is refused (``StoreError/unsafeFolder(_:)``); one they may read is
    /// used with a warning.
    public convenience init(
        folder: String, migrations: [StoreMigration], logger: Logger = Logger(label: "myopenip.store")
    ) throws {
        try DatabaseFiles.prepareFolder(folder, logger: logger)
        try self.init(path: (folder as NSString).appendingPathComponent(Self.fileName), migrations: migrations, logger: logger)
    }

    /// The migrations applied so far, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try migrator.appliedMigrations(db) }
    }

    /// The SQLite journal mode in force (`wal` for a file database).
    public func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Whether the database answers a trivial read.
    public func isReachable() async -> Bool {
        (try? await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }
}
