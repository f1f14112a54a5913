import Foundation
import GRDB
import MyOpenIPStore
import Testing

@Suite("Background checkpoints")
struct WALCheckpointerTests {
    @Test("a checkpoint copies the log while writes go on, and does nothing when nothing was written")
    func checkpointsInTheBackground() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: [])
            let checkpointer = try #require(store.checkpointer)
            try await store.writer.write { db in try db.execute(sql: "CREATE TABLE probe (n INTEGER NOT NULL)") }
            // Commits never checkpoint by themselves below the fallback threshold.
            let threshold = try await store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
            #expect(threshold == WALCheckpointer.fallbackPages)

            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 1...300 {
                    group.addTask {
                        try await store.writes.write { db in try db.execute(sql: "INSERT INTO probe VALUES (?)", arguments: [n]) }
                    }
                }
                group.addTask {
                    for _ in 0..<5 {
                        try await checkpointer.checkpointIfWritten()
                        try await Task.sleep(for: .milliseconds(2))
                    }
                }
                try await group.waitForAll()
            }
            _ = try await store.writes.write { db in try db.execute(sql: "INSERT INTO probe VALUES (0)") }
            let progress = try #require(try await checkpointer.checkpointIfWritten())
            #expect(progress.logFrames > 0)
            #expect(progress.copiedFrames == progress.logFrames)
            #expect(try await checkpointer.checkpointIfWritten() == nil)
            #expect(try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM probe") } == 301)
        }
    }

    @Test("under a steady stream of writes the log stays bounded: the writer catches up between two batches")
    func logStaysBounded() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(path: folder + "/store.sqlite", migrations: [], checkpointRestartFrames: 32)
            let checkpointer = try #require(store.checkpointer)
            try await store.writer.write { db in try db.execute(sql: "CREATE TABLE probe (n INTEGER NOT NULL)") }
            let largest = try await withThrowingTaskGroup(of: Int.self) { group in
                // Writers that keep the batches coming back to back, and a checkpoint every
                // 5 ms meanwhile: a background checkpoint alone seldom finds the log without a
                // commit landing during its work.
                for writer in 0..<4 {
                    group.addTask {
                        for n in 0..<250 {
                            try await store.writes.write { db in
                                try db.execute(sql: "INSERT INTO probe VALUES (?)", arguments: [writer * 1000 + n])
                            }
                        }
                        return -1
                    }
                }
                var largest = 0
                var writersLeft = 4
                group.addTask {
                    var largest = 0
                    while !Task.isCancelled {
                        // The writers' end cancels this loop, maybe in the middle of a checkpoint.
                        do {
                            if let progress = try await checkpointer.checkpointIfWritten() {
                                largest = max(largest, progress.logFrames)
                            }
                        } catch is CancellationError {
                            break
                        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT && Task.isCancelled {
                            // GRDB interrupts the statement of a cancelled task.
                            break
                        }
                        try? await Task.sleep(for: .milliseconds(5))
                    }
                    return largest
                }
                while let result = try await group.next() {
                    if result < 0 {
                        writersLeft -= 1
                        if writersLeft == 0 { group.cancelAll() }
                    } else {
                        largest = result
                    }
                }
                return largest
            }
            #expect(try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM probe") } == 1000)
            #expect(largest < 500, "the log grew to \(largest) frames")
        }
    }
}
