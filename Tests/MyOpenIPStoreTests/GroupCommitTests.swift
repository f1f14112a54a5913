import GRDB
import MyOpenIPStore
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    struct Refused: Error {}

    @Test("concurrent writes share commits; one that fails is rolled back alone, its neighbours commit")
    func failingWriteFailsAlone() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: [])
            try await store.writer.write { db in try db.execute(sql: "CREATE TABLE probe (n INTEGER NOT NULL)") }
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for n in 1...200 {
                    group.addTask {
                        do {
                            try await store.writes.write { db in
                                try db.execute(sql: "INSERT INTO probe (n) VALUES (?)", arguments: [n])
                                if n % 5 == 0 { throw Refused() }  // after its insert: it must be undone
                            }
                            return (n, true)
                        } catch is Refused {
                            return (n, false)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes.filter { !$0.value }.keys.sorted() == Array(stride(from: 5, through: 200, by: 5)))
            let stored = try await store.writer.read { db in try Int.fetchAll(db, sql: "SELECT n FROM probe ORDER BY n") }
            #expect(stored == (1...200).filter { $0 % 5 != 0 })
            #expect(store.writes.commits < 200, "the writes did not share commits")
        }
    }

    @Test("the database is opened with synchronous FULL: an acknowledged write is on disk")
    func durability() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: [])
            // On the connection that commits: the writer's (GRDB lowers it to NORMAL when it turns WAL on).
            let writer = try await store.writer.writeWithoutTransaction { db in
                try Int.fetchOne(db, sql: "PRAGMA synchronous")
            }
            #expect(writer == 2)
            // And through the batches.
            #expect(try await store.writes.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        }
    }
}
