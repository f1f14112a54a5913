import Foundation
import GRDB
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite idempotency records")
struct IdempotencyRepositoryTests {
    let start = Timestamp(milliseconds: 1_800_000_000_000)
    let claim = IdempotencyClaim(
        caller: "account:1", key: "order-42", method: "myopenip.v1.TermsService/PublishTerms", requestDigest: Data([1, 2, 3]))
    let lost = IdempotencyOutcome(statusCode: 9, message: "answer lost", reason: "IDEMPOTENCY_ANSWER_LOST")

    func withStore(_ body: (Store, SQLiteIdempotencyRepository) async throws -> Void) async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: .everyDomain)
            try await body(store, SQLiteIdempotencyRepository(store: store))
        }
    }

    func keyedWrite(_ claim: IdempotencyClaim? = nil, at now: Timestamp? = nil, expiredBefore: Timestamp? = nil) -> KeyedWrite {
        KeyedWrite(claim: claim ?? self.claim, at: now ?? start, expiredBefore: expiredBefore ?? start)
    }

    /// Publishes terms of use under `write`, as a keyed call's handler does; the answer is the
    /// version number when `answered`.
    @discardableResult
    func publishTerms(_ store: Store, under write: KeyedWrite, answered: Bool = true) async throws -> TermsRecord {
        if answered { write.expectAnswer { (record: TermsRecord) in Data("v\(record.version)".utf8) } }
        let draft = try TermsDraft(title: "CU", text: "Conditions", effectiveAt: "", now: start)
        return try await KeyedWrite.$current.withValue(write) {
            try await SQLiteTermsRepository(store: store).publish(
                draft, document: .termsOfUse, context: AuditContext(actor: "operator(uid=0)"), at: start)
        }
    }

    @Test func theWriteKeepsTheKeyAndItsAnswerInItsOwnCommit() async throws {
        try await withStore { store, records async throws in
            #expect(try await records.status(of: claim, expiredBefore: start) == .free)
            let commits = store.writes.commits
            let write = keyedWrite()
            let record = try await publishTerms(store, under: write)
            #expect(store.writes.commits == commits + 1)
            #expect(write.keptAnswer == Data("v\(record.version)".utf8))
            #expect(
                try await records.status(of: claim, expiredBefore: start)
                    == .replay(IdempotencyOutcome(statusCode: 0, payload: Data("v\(record.version)".utf8))))
        }
    }

    @Test func aSecondCallWithTheKeyIsRolledBackAndToldWhatTheFirstKept() async throws {
        try await withStore { store, records async throws in
            try await publishTerms(store, under: keyedWrite())
            let second = keyedWrite()
            await #expect(throws: KeyedWrite.Conflict.self) { try await publishTerms(store, under: second) }
            #expect(second.conflicted)
            #expect(try await SQLiteTermsRepository(store: store).all(document: .termsOfUse).count == 1)
            #expect(try await records.keep(IdempotencyOutcome(statusCode: 0), for: second, at: start) != .free)
        }
    }

    @Test func anOutcomeWithoutAWriteIsKeptWithItsReasonFieldAndMetadata() async throws {
        try await withStore { _, records async throws in
            let refused = IdempotencyOutcome(
                statusCode: 3, message: "Le nom du site est obligatoire", reason: "SITE_NAME_MISSING", field: "name",
                metadata: ["limit": "50"])
            #expect(try await records.keep(refused, for: keyedWrite(), at: start) == .free)
            #expect(try await records.status(of: claim, expiredBefore: start) == .replay(refused))
        }
    }

    @Test func aWriteWithoutItsAnswerGetsItAfterwards() async throws {
        try await withStore { store, records async throws in
            let write = keyedWrite()
            try await publishTerms(store, under: write, answered: false)
            #expect(write.keptAnswer == nil)
            #expect(try await records.status(of: claim, expiredBefore: start) == .inProgress)
            let answer = IdempotencyOutcome(statusCode: 0, payload: Data([7]))
            #expect(try await records.keep(answer, for: write, at: start) == .free)
            #expect(try await records.status(of: claim, expiredBefore: start) == .replay(answer))
        }
    }

    @Test func aKeyUsedForAnotherRequestOrMethodIsAMismatch() async throws {
        try await withStore { _, records async throws in
            _ = try await records.keep(IdempotencyOutcome(statusCode: 0), for: keyedWrite(), at: start)
            var other = claim
            other.requestDigest = Data([9])
            #expect(try await records.status(of: other, expiredBefore: start) == .mismatch)
            other = claim
            other.method = "myopenip.v1.SiteService/DeleteSite"
            #expect(try await records.status(of: other, expiredBefore: start) == .mismatch)
        }
    }

    @Test func callersDoNotShareKeys() async throws {
        try await withStore { _, records async throws in
            _ = try await records.keep(IdempotencyOutcome(statusCode: 0), for: keyedWrite(), at: start)
            var other = claim
            other.caller = "account:2"
            #expect(try await records.status(of: other, expiredBefore: start) == .free)
            #expect(try await records.keep(IdempotencyOutcome(statusCode: 0), for: keyedWrite(other), at: start) == .free)
        }
    }

    @Test func aReleasedKeyIsFreeUnlessItsWriteWasCommitted() async throws {
        try await withStore { store, records async throws in
            try await records.release(keyedWrite(), recordingIfCommitted: lost, at: start)
            #expect(try await records.status(of: claim, expiredBefore: start) == .free)

            let write = keyedWrite()
            try await publishTerms(store, under: write, answered: false)
            try await records.release(write, recordingIfCommitted: lost, at: start)
            #expect(try await records.status(of: claim, expiredBefore: start) == .replay(lost))
        }
    }

    @Test func anExpiredRecordIsReplacedAndPurged() async throws {
        try await withStore { store, records async throws in
            _ = try await records.keep(IdempotencyOutcome(statusCode: 0), for: keyedWrite(), at: start)
            let later = start.adding(.seconds(3600))
            let cutoff = start.adding(.seconds(1))
            // An expired key is free again, even for another request, and its new write replaces it.
            var changed = claim
            changed.requestDigest = Data([4])
            #expect(try await records.status(of: changed, expiredBefore: cutoff) == .free)
            try await publishTerms(store, under: keyedWrite(changed, at: later, expiredBefore: cutoff))
            #expect(try await records.status(of: changed, expiredBefore: cutoff) != .free)

            var second = claim
            second.key = "order-43"
            _ = try await records.keep(IdempotencyOutcome(statusCode: 0), for: keyedWrite(second), at: start)
            #expect(try await records.removeExpired(before: later) == 1)
            #expect(try await records.removeExpired(before: later.adding(.seconds(1))) == 1)
        }
    }

    @Test func callsInterruptedByAStopAreSettledWhenTheDaemonStartsAgain() async throws {
        try await withStore { store, records async throws in
            _ = try await records.keep(IdempotencyOutcome(statusCode: 0), for: keyedWrite(), at: start)
            var committed = claim
            committed.key = "committed"
            try await publishTerms(store, under: keyedWrite(committed), answered: false)
            // A key reserved by an older daemon, whose call never wrote.
            try await store.writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO idempotency_record (caller, idempotency_key, method, request_digest, created_at)
                        VALUES ('account:1', 'running', 'm', x'01', ?)
                        """, arguments: [start.milliseconds])
            }

            let settled = try records.closeInterrupted(recording: lost, at: start)
            #expect(settled.answersLost == 1)
            #expect(settled.keysFreed == 1)
            #expect(try await records.status(of: claim, expiredBefore: start) == .replay(IdempotencyOutcome(statusCode: 0)))
            #expect(try await records.status(of: committed, expiredBefore: start) == .replay(lost))
            var running = claim
            running.key = "running"
            #expect(try await records.status(of: running, expiredBefore: start) == .free)
        }
    }
}
