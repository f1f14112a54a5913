import Foundation
import GRDB
import MyOpenIPDomain
import MyOpenIPStore
import Testing

/// Where a key's record is found without an index on the key: the in-memory index, kept up to
/// date with what other daemons sharing the database commit, and never trusted without reading
/// the record.
@Suite("Idempotency keys in memory")
struct IdempotencyKeyIndexTests {
    let start = Timestamp(milliseconds: 1_800_000_000_000)
    let claim = IdempotencyClaim(
        caller: "account:1", key: "order-42", method: "myopenip.v1.TermsService/PublishTerms", requestDigest: Data([1, 2, 3]))

    func keyedWrite(_ claim: IdempotencyClaim? = nil) -> KeyedWrite {
        KeyedWrite(claim: claim ?? self.claim, at: start, expiredBefore: start)
    }

    func claim(key: String) -> IdempotencyClaim {
        var other = claim
        other.key = key
        return other
    }

    /// Publishes terms of use under `write`, as a keyed call's handler does; the answer is the
    /// version number.
    func publishTerms(_ store: Store, under write: KeyedWrite) async throws {
        write.expectAnswer { (record: TermsRecord) in Data("v\(record.version)".utf8) }
        let draft = try TermsDraft(title: "CU", text: "Conditions", effectiveAt: "", now: start)
        _ = try await KeyedWrite.$current.withValue(write) {
            try await SQLiteTermsRepository(store: store).publish(
                draft, document: .termsOfUse, context: AuditContext(actor: "operator(uid=0)"), at: start)
        }
    }

    func termsCount(_ store: Store) async throws -> Int {
        try await SQLiteTermsRepository(store: store).all(document: .termsOfUse).count
    }

    @Test func aKeyAnotherDaemonCommittedIsFoundByTheNextWriteOfThisOne() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/" + Store.fileName
            let first = try Store(path: path, migrations: .everyDomain)
            let second = try Store(path: path, migrations: .everyDomain)
            // The second daemon has already looked its keys up once: it catches up from there.
            try await publishTerms(second, under: keyedWrite(claim(key: "earlier")))
            try await publishTerms(first, under: keyedWrite())

            let retry = keyedWrite()
            await #expect(throws: KeyedWrite.Conflict.self) { try await publishTerms(second, under: retry) }
            #expect(retry.conflicted)
            #expect(try await termsCount(second) == 2)
            guard
                case .replay(let outcome) = try await SQLiteIdempotencyRepository(store: second).status(
                    of: claim, expiredBefore: start)
            else {
                Issue.record("the other daemon's answer is not found")
                return
            }
            #expect(String(decoding: outcome.payload, as: UTF8.self).hasPrefix("v"))
        }
    }

    @Test func aReaderFindsAKeyAnotherDaemonCommitted() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/" + Store.fileName
            let first = try Store(path: path, migrations: .everyDomain)
            let second = try Store(path: path, migrations: .everyDomain)
            #expect(try await SQLiteIdempotencyRepository(store: second).status(of: claim, expiredBefore: start) == .free)
            try await publishTerms(first, under: keyedWrite())
            #expect(try await SQLiteIdempotencyRepository(store: second).status(of: claim, expiredBefore: start) != .free)
        }
    }

    @Test func aRestartedDaemonFindsTheKeysOfItsLastRun() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/" + Store.fileName
            do {
                let store = try Store(path: path, migrations: .everyDomain)
                for key in ["a", "b", "c"] { try await publishTerms(store, under: keyedWrite(claim(key: key))) }
            }
            let store = try Store(path: path, migrations: .everyDomain)
            let lost = IdempotencyOutcome(statusCode: 9, message: "lost")
            _ = try SQLiteIdempotencyRepository(store: store).closeInterrupted(recording: lost, at: start)
            #expect(store.idempotencyKeys.count == 3)
            await #expect(throws: KeyedWrite.Conflict.self) { try await publishTerms(store, under: keyedWrite(claim(key: "b"))) }
            #expect(try await termsCount(store) == 3)
        }
    }

    @Test func aCandidateWhoseRecordIsGoneOrAnotherKeysIsSkipped() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: .everyDomain)
            let records = SQLiteIdempotencyRepository(store: store)
            let old = claim(key: "old")
            #expect(try await records.keep(IdempotencyOutcome(statusCode: 0), for: keyedWrite(old), at: start) == .free)
            // Another daemon deletes the record, and the next one reuses its id.
            try await store.writer.write { db in
                try db.execute(sql: "DELETE FROM idempotency_record")
                try db.execute(sql: "UPDATE sqlite_sequence SET seq = 0 WHERE name = 'idempotency_record'")
            }
            let new = claim(key: "new")
            #expect(
                try await records.keep(IdempotencyOutcome(statusCode: 0, payload: Data([5])), for: keyedWrite(new), at: start)
                    == .free)
            #expect(
                try await store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM idempotency_record") } == 1)

            #expect(try await records.status(of: old, expiredBefore: start) == .free)
            #expect(
                try await records.status(of: new, expiredBefore: start)
                    == .replay(IdempotencyOutcome(statusCode: 0, payload: Data([5]))))
            // The old key is free again: its write goes through.
            try await publishTerms(store, under: keyedWrite(old))
            #expect(try await termsCount(store) == 1)
        }
    }

    @Test func thePurgeForgetsExpiredKeysWhoeverDeletedTheirRecords() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: .everyDomain)
            let records = SQLiteIdempotencyRepository(store: store)
            for key in ["a", "b", "c"] {
                _ = try await records.keep(IdempotencyOutcome(statusCode: 0), for: keyedWrite(claim(key: key)), at: start)
            }
            let later = claim(key: "later")
            _ = try await records.keep(
                IdempotencyOutcome(statusCode: 0),
                for: KeyedWrite(claim: later, at: start.adding(.seconds(60)), expiredBefore: start), at: start)
            #expect(store.idempotencyKeys.count == 4)
            // Another daemon's purge deleted one already.
            try await store.writer.write { db in
                try db.execute(sql: "DELETE FROM idempotency_record WHERE idempotency_key = 'a'")
            }
            #expect(try await records.removeExpired(before: start.adding(.seconds(1))) == 2)
            #expect(store.idempotencyKeys.count == 1)
            #expect(try await records.status(of: later, expiredBefore: start) != .free)
        }
    }

    @Test func manyKeysInOneBatchAreEachFoundAfterwards() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: .everyDomain)
            let records = SQLiteIdempotencyRepository(store: store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        _ = try await records.keep(
                            IdempotencyOutcome(statusCode: 0, payload: Data([UInt8(index)])),
                            for: keyedWrite(claim(key: "key-\(index)")), at: start)
                    }
                }
                try await group.waitForAll()
            }
            for index in 0..<64 {
                #expect(
                    try await records.status(of: claim(key: "key-\(index)"), expiredBefore: start)
                        == .replay(IdempotencyOutcome(statusCode: 0, payload: Data([UInt8(index)]))))
            }
        }
    }
}
