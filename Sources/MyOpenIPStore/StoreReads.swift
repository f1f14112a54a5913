import GRDB

/// The reads of every repository, in two kinds:
///
/// - ``read(_:)``, for a point read (one object, or the few rows that belong to one: a company's
///   sites, a right's holders): it runs at once on the calling thread (the call's event loop), on
///   a reader connection of the pool, in a snapshot of its own. A hop to a reader's queue and
///   back cost more than such a read on this kind of machine (a point read is a few
///   microseconds of SQLite), and a read in WAL mode never waits for a writer.
/// - ``readPage(_:)``, for a page of a list (up to 500 rows, some milliseconds to decode): it
///   runs on GRDB's reader queue, so that the event loop serves other calls meanwhile.
public struct StoreReads: Sendable {
    let reader: any DatabaseReader

    /// Runs `body` (a point read) in a read-only snapshot of the database, on the calling thread.
    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        try readNow(body)
    }

    /// Runs `body` (a page of a list) in a read-only snapshot of the database, on a reader's
    /// queue.
    ///
    /// GRDB gives the reader back only once the task resumes after `body`. A call's task prefers
    /// its event loop, which may be blocked meanwhile in a point read waiting for a free reader
    /// (``read(_:)``): with every reader held by pages waiting to resume on that loop, neither
    /// would go on. So the page's task resumes on the global executor, which gives the reader
    /// back without the event loop, and only then comes back to its caller.
    public func readPage<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withTaskExecutorPreference(globalConcurrentExecutor) {
            try await reader.read(body)
        }
    }

    /// A blocking read in a snapshot of its own, opened and closed with statements prepared once
    /// per connection: GRDB's isolated read compiles four statements around each read (a read-only
    /// pragma set and reset, a savepoint and its release), which cost three times a point read.
    /// In a synchronous function, so that GRDB's blocking variant is the one chosen.
    private func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        try reader.unsafeRead { db in
            try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
            do {
                let value = try body(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                return value
            } catch {
                try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
                throw error
            }
        }
    }
}
