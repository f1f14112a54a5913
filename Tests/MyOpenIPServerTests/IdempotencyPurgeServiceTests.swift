import Foundation
import GRDB
import Logging
import MyOpenIPDomain
import MyOpenIPServer
import MyOpenIPStore
import ServiceLifecycle
import Testing

@Suite("Idempotency purge, a background service")
struct IdempotencyPurgeServiceTests {
    let claim = IdempotencyClaim(
        caller: "account:1", key: "k-1", method: "myopenip.v1.SiteService/CreateSite", requestDigest: Data([1]))

    @Test("a purge deletes the records past their retention and keeps the others")
    func purgesExpiredOnly() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: Daemon.domains.flatMap(\.migrations))
            let records = SQLiteIdempotencyRepository(store: store)
            let clock = AdjustableTimeSource()
            let old = clock.timestamp()
            _ = try await records.keep(
                IdempotencyOutcome(statusCode: 0), for: KeyedWrite(claim: claim, at: old, expiredBefore: old), at: old)
            clock.advance(by: .seconds(3600))
            var fresh = claim
            fresh.key = "k-2"
            _ = try await records.keep(
                IdempotencyOutcome(statusCode: 0), for: KeyedWrite(claim: fresh, at: clock.timestamp(), expiredBefore: old),
                at: clock.timestamp())
            let service = IdempotencyPurgeService(
                records: records, time: clock, retention: .seconds(1800), logger: Logger(label: "test"))
            #expect(await service.purge() == 1)
            #expect(await service.purge() == 0)
            // The fresh key is still held: the same key with another request is a mismatch.
            var other = fresh
            other.requestDigest = Data([9])
            #expect(try await records.status(of: other, expiredBefore: old) == .mismatch)
        }
    }

    @Test("the service purges at once, then waits; a graceful shutdown ends its wait")
    func stopsAtGracefulShutdown() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: Daemon.domains.flatMap(\.migrations))
            let records = SQLiteIdempotencyRepository(store: store)
            let clock = AdjustableTimeSource()
            let now = clock.timestamp()
            _ = try await records.keep(
                IdempotencyOutcome(statusCode: 0), for: KeyedWrite(claim: claim, at: now, expiredBefore: now), at: now)
            clock.advance(by: .seconds(2 * 24 * 3600))
            let service = IdempotencyPurgeService(
                records: records, time: clock, interval: .seconds(3600), logger: Logger(label: "test"))
            let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                // The first purge runs when the service starts.
                while !(await isEmpty(store)) {
                    try await Task.sleep(for: .milliseconds(10))
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(ContinuousClock.now - started < .seconds(60))
        }
    }

    private func isEmpty(_ store: Store) async -> Bool {
        (try? await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM idempotency_record") }) == 0
    }
}
