import Foundation
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite idempotency records")
struct IdempotencyRepositoryTests {
    let start = Timestamp(milliseconds: 1_800_000_000_000)
    let claim = IdempotencyClaim(
        caller: "account:1", key: "order-42", method: "myopenip.v1.SiteService/CreateSite", requestDigest: Data([1, 2, 3]))

    /// Reserves `claim`, failing the test when the store does not answer `.reserved`.
    func mustReserve(
        _ records: SQLiteIdempotencyRepository, _ claim: IdempotencyClaim, at now: Timestamp, expiredBefore: Timestamp? = nil
    ) async throws -> Int64 {
        let answer = try await records.reserve(claim, at: now, expiredBefore: expiredBefore ?? start)
        guard case .reserved(let id) = answer else { throw NotReserved(answer: answer) }
        return id
    }

    struct NotReserved: Error { let answer: IdempotencyReservation }

    func withRepository(_ body: (SQLiteIdempotencyRepository) async throws -> Void) async throws {
        try await withTemporaryFolder { folder in
            try await body(SQLiteIdempotencyRepository(store: try Store(folder: folder, migrations: .everyDomain)))
        }
    }

    @Test func aNewKeyIsReservedThenReplaysItsOutcome() async throws {
        try await withRepository { records async throws in
            let id = try await mustReserve(records, claim, at: start, expiredBefore: start)
            #expect(try await records.reserve(claim, at: start, expiredBefore: start) == .inProgress)
            let outcome = IdempotencyOutcome(statusCode: 0, payload: Data([8, 7]))
            try await records.complete(reservation: id, with: outcome, at: start.adding(.seconds(1)))
            #expect(try await records.reserve(claim, at: start.adding(.seconds(2)), expiredBefore: start) == .replay(outcome))
        }
    }

    @Test func anErrorOutcomeKeepsItsReasonFieldAndMetadata() async throws {
        try await withRepository { records async throws in
            let id = try await mustReserve(records, claim, at: start, expiredBefore: start)
            let refused = IdempotencyOutcome(
                statusCode: 3, message: "Le nom du site est obligatoire", reason: "SITE_NAME_MISSING", field: "name",
                metadata: ["limit": "50"])
            try await records.complete(reservation: id, with: refused, at: start)
            #expect(try await records.reserve(claim, at: start, expiredBefore: start) == .replay(refused))
        }
    }

    @Test func aKeyUsedForAnotherRequestOrMethodIsAMismatch() async throws {
        try await withRepository { records async throws in
            _ = try await records.reserve(claim, at: start, expiredBefore: start)
            var other = claim
            other.requestDigest = Data([9])
            #expect(try await records.reserve(other, at: start, expiredBefore: start) == .mismatch)
            other = claim
            other.method = "myopenip.v1.SiteService/DeleteSite"
            #expect(try await records.reserve(other, at: start, expiredBefore: start) == .mismatch)
        }
    }

    @Test func callersDoNotShareKeys() async throws {
        try await withRepository { records async throws in
            _ = try await records.reserve(claim, at: start, expiredBefore: start)
            var other = claim
            other.caller = "account:2"
            _ = try await mustReserve(records, other, at: start, expiredBefore: start)
        }
    }

    @Test func aReleasedKeyRunsAgain() async throws {
        try await withRepository { records async throws in
            let id = try await mustReserve(records, claim, at: start, expiredBefore: start)
            try await records.release(reservation: id, recordingIfCommitted: lost, at: start)
            let again = try await mustReserve(records, claim, at: start, expiredBefore: start)
            #expect(again != id)
        }
    }

    @Test func anExpiredRecordIsReplacedAndPurged() async throws {
        try await withRepository { records async throws in
            let id = try await mustReserve(records, claim, at: start, expiredBefore: start)
            try await records.complete(reservation: id, with: IdempotencyOutcome(statusCode: 0), at: start)
            let later = start.adding(.seconds(3600))
            var changed = claim
            changed.requestDigest = Data([4])
            // An expired key is free again, even for another request.
            _ = try await mustReserve(records, changed, at: later, expiredBefore: start.adding(.seconds(1)))
            var second = claim
            second.key = "order-43"
            _ = try await records.reserve(second, at: later, expiredBefore: start)
            #expect(try await records.removeExpired(before: later.adding(.seconds(1))) == 2)
            _ = try await mustReserve(records, claim, at: later, expiredBefore: start)
        }
    }

    let lost = IdempotencyOutcome(statusCode: 9, message: "answer lost", reason: "IDEMPOTENCY_ANSWER_LOST")

    /// Publishes terms of use as the keyed call `record` would: the change's transaction marks it.
    func publishTerms(_ store: Store, record: Int64) async throws {
        let draft = try TermsDraft(title: "CU", text: "Conditions", effectiveAt: "", now: start)
        _ = try await SQLiteTermsRepository(store: store).publish(
            draft, context: AuditContext(actor: "operator(uid=0)", idempotencyRecordID: record), at: start)
    }

    @Test func aCommittedWriteIsNeverReleased() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: .everyDomain)
            let records = SQLiteIdempotencyRepository(store: store)
            let id = try await mustReserve(records, claim, at: start)
            try await publishTerms(store, record: id)
            try await records.release(reservation: id, recordingIfCommitted: lost, at: start)
            #expect(try await records.reserve(claim, at: start, expiredBefore: start) == .replay(lost))

            var other = claim
            other.key = "not-written"
            let free = try await mustReserve(records, other, at: start)
            try await records.release(reservation: free, recordingIfCommitted: lost, at: start)
            _ = try await mustReserve(records, other, at: start)
        }
    }

    @Test func callsInterruptedByAStopAreSettledWhenTheDaemonStartsAgain() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: .everyDomain)
            let records = SQLiteIdempotencyRepository(store: store)
            let done = try await mustReserve(records, claim, at: start)
            try await records.complete(reservation: done, with: IdempotencyOutcome(statusCode: 0), at: start)
            var committed = claim
            committed.key = "committed"
            try await publishTerms(store, record: try await mustReserve(records, committed, at: start))
            var running = claim
            running.key = "running"
            _ = try await mustReserve(records, running, at: start)

            let settled = try records.closeInterrupted(recording: lost, at: start)
            #expect(settled.answersLost == 1)
            #expect(settled.keysFreed == 1)
            #expect(
                try await records.reserve(claim, at: start, expiredBefore: start) == .replay(IdempotencyOutcome(statusCode: 0)))
            #expect(try await records.reserve(committed, at: start, expiredBefore: start) == .replay(lost))
            _ = try await mustReserve(records, running, at: start)
        }
    }
}
