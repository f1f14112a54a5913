import GRDB
import Synchronization

/// Copies the write-ahead log back into the database file from a connection of its own, in the
/// background, so that no write waits for it: SQLite's own checkpoint would otherwise run inside
/// the commit that makes the log reach its threshold, stalling that batch of writes.
///
/// A passive checkpoint takes no lock writers need: they keep appending to the log while it
/// copies. But under a steady stream of writes it never copies *everything*, since commits land
/// while it works, and the log only starts again from its beginning after a checkpoint that did:
/// the log would grow without end. So once the log holds ``defaultRestartFrames`` frames, the
/// checkpointer asks ``GroupCommit`` to catch up between two batches, on the writer's own
/// connection: that copies only the frames written since, and the next batch starts the log
/// over. SQLite's automatic checkpoint stays on with a high threshold (``fallbackPages``), for a
/// store whose checkpointer does not run.
public final class WALCheckpointer: Sendable {
    /// The log size, in pages, at which a commit checkpoints by itself (about 40 MiB of 4 KiB
    /// pages): only when the background checkpoints fall behind, e.g. under a long read.
    public static let fallbackPages = 10_000
    /// The size the log file is cut back to after a restart: it does not keep the space of a
    /// past burst.
    public static let journalSizeLimit = 64 << 20
    /// The log size, in frames, from which the writer catches up to start the log over (about
    /// 16 MiB).
    public static let defaultRestartFrames = 4096

    /// The log size, in frames, from which the writer catches up.
    public let restartFrames: Int

    private let path: String
    /// Its own connection, opened at the first checkpoint: a store whose checkpointer never runs
    /// (a tool, a test) holds no more files open than its pool.
    private let connection = Mutex<DatabaseQueue?>(nil)
    private let writes: GroupCommit
    private let checkpointedCommits = Mutex(-1)

    init(path: String, writes: GroupCommit, restartFrames: Int = defaultRestartFrames) {
        self.path = path
        self.restartFrames = restartFrames
        self.writes = writes
    }

    /// The checkpointer's connection, opened if needed.
    private func openConnection() throws -> DatabaseQueue {
        try connection.withLock { connection in
            if let connection { return connection }
            var configuration = Configuration()
            configuration.label = "myopenip.checkpoint"
            configuration.busyMode = .timeout(1)
            let opened = try DatabaseQueue(path: path, configuration: configuration)
            connection = opened
            return opened
        }
    }

    /// What one checkpoint did: the frames in the log, and how many of them are now in the
    /// database file (all of them unless a reader still used older ones).
    public struct Progress: Sendable, Equatable {
        public var logFrames: Int
        public var copiedFrames: Int
    }

    /// Runs a passive checkpoint if a write was committed since the last one; nil when there was
    /// nothing new, or when the writer was checkpointing at that moment.
    @discardableResult
    public func checkpointIfWritten() async throws -> Progress? {
        let commits = writes.commits
        guard checkpointedCommits.withLock({ $0 }) != commits else { return nil }
        let result: (walFrameCount: Int, checkpointedFrameCount: Int)
        do {
            result = try await openConnection().writeWithoutTransaction { db in try db.checkpoint(.passive) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            // The writer is catching up at this moment (one checkpoint at a time): next turn.
            return nil
        }
        checkpointedCommits.withLock { $0 = commits }
        if result.walFrameCount >= restartFrames { writes.requestLogCatchUp() }
        return Progress(logFrames: result.walFrameCount, copiedFrames: result.checkpointedFrameCount)
    }
}
