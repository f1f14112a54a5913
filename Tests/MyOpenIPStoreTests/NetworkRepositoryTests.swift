import Foundation
import GRDB
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite network repository: technical services, states, samples kept once, roll-ups made again for late samples")
struct NetworkRepositoryTests {
    /// 2026-12-07 10:00 UTC.
    static let now: Int64 = 1_796_637_600

    static func samples(_ reference: String, _ values: [(at: Int64, in: Int64, out: Int64)], from index: Int = 0)
        -> [NetworkReport<TrafficSample>]
    {
        values.enumerated().map { offset, value in
            NetworkReport(
                index: index + offset, reference: reference,
                value: TrafficSample(at: value.at, inBitsPerSecond: value.in, outBitsPerSecond: value.out))
        }
    }

    @Test("every data or voice offer has its technical service, in the scope of its company only")
    func services() async throws {
        let fixture = try CompanyFixture()
        let links = try await DeliveredOffers.seed(fixture, count: 2, offering: .fibre)
        let network = SQLiteNetworkRepository(store: fixture.store)
        let first = try #require(try await network.service(reference: "OC00001", in: .everything))
        #expect(first.kind == .dataLink)
        #expect(first.link == LinkParameters())
        #expect(first.status == .unknown)
        #expect(first.id == links[0].offer)
        let own = try await fixture.store.reads.read { db in
            try String.fetchOne(db, sql: "SELECT reference FROM company WHERE id = ?", arguments: [links[0].company])!
        }
        #expect(try await network.service(reference: "OC00001", in: .company(try CompanyReference(own))) != nil)
        #expect(try await network.service(reference: "OC00002", in: .company(try CompanyReference(own))) == nil)
        let page = try await network.services(TechnicalServiceFilter(), in: .everything, page: PageRequest())
        #expect(page.items.map(\.reference) == ["OC00001", "OC00002"])
        let trunks = try await network.services(
            TechnicalServiceFilter(kind: .voiceTrunk), in: .everything, page: PageRequest())
        #expect(trunks.items.isEmpty)
    }

    @Test("parameters change a field at a time, audited; a trunk's on a link is refused")
    func parameters() async throws {
        let fixture = try CompanyFixture()
        _ = try await DeliveredOffers.seed(fixture, count: 1, offering: .fibre)
        let network = SQLiteNetworkRepository(store: fixture.store)
        let context = AuditContext(actor: "operator(uid=0)")
        let prefixes = try LinkParameters.addresses(["192.0.2.0/29"])
        _ = try await network.updateLink(reference: "OC00001", context: context, at: Timestamp(milliseconds: 1)) {
            $0.downstreamKbps = 100_000
            $0.addresses = prefixes
        }
        let updated = try await network.updateLink(reference: "OC00001", context: context, at: Timestamp(milliseconds: 2)) {
            $0.interfaceID = "par-pe1:xe-0/0/1.120"
        }
        #expect(updated.link?.downstreamKbps == 100_000)
        #expect(updated.link?.addresses.map(\.description) == ["192.0.2.0/29"])
        #expect(updated.link?.interfaceID == "par-pe1:xe-0/0/1.120")
        #expect(updated.parametersUpdatedAt == Timestamp(milliseconds: 2))
        await #expect(throws: NetworkViolation.notAVoiceTrunk) {
            try await network.updateVoiceTrunk(reference: "OC00001", context: context, at: Timestamp(milliseconds: 3)) {
                $0.channels = 10
            }
        }
        await #expect(throws: NetworkViolation.unknownService) {
            try await network.updateLink(reference: "OC09999", context: context, at: Timestamp(milliseconds: 3)) { _ in }
        }
        let audited = try await fixture.store.reads.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_event WHERE action = 'technical_service.updated'")!
        }
        #expect(audited == 2)
    }

    @Test("a sample sent twice counts once; unknown and voice references are refused alone")
    func ingest() async throws {
        let fixture = try CompanyFixture()
        _ = try await DeliveredOffers.seed(fixture, count: 1, offering: .fibre)
        let network = SQLiteNetworkRepository(store: fixture.store)
        let base = Self.now - 3_600
        var batch = Self.samples("OC00001", [(base, 100, 10), (base + 300, 200, 20)])
        batch += Self.samples("OC09999", [(base, 1, 1)], from: 2)
        let first = try await network.ingest(batch, now: Self.now)
        #expect(first.accepted == 2)
        #expect(first.duplicates == 0)
        #expect(first.rejected.map(\.index) == [2])
        #expect(first.rejected.first?.violation == NetworkViolation.unknownService)
        let again = try await network.ingest(Self.samples("OC00001", [(base, 999, 999), (base + 600, 300, 30)]), now: Self.now)
        #expect(again.accepted == 1)
        #expect(again.duplicates == 1)
        let kept = try await network.traffic(serviceID: 1, tier: .fiveMinutes, from: base, to: Self.now)
        #expect(kept.map(\.inAverage) == [100, 200, 300])  // the first sample of `base` is the one kept
        let service = try #require(try await network.service(reference: "OC00001", in: .everything))
        #expect(service.lastSampleAt == base + 600)
    }

    @Test("roll-ups match the hand-computed windows, and a late sample makes its windows again")
    func rollUps() async throws {
        let fixture = try CompanyFixture()
        let links = try await DeliveredOffers.seed(fixture, count: 1, offering: .fibre)
        let id = links[0].offer
        let network = SQLiteNetworkRepository(store: fixture.store)
        // Two hours of samples from 06:00 UTC, the one of 06:35 missing: in rises by 10 each time.
        let start = Self.now - 4 * 3_600
        var values: [(at: Int64, in: Int64, out: Int64)] = []
        for index in 0..<24 where index != 7 {
            let step = Int64(index)
            values.append((at: start + step * 300, in: step * 10, out: 100 - step))
        }
        _ = try await network.ingest(Self.samples("OC00001", values), now: Self.now)
        #expect(try await network.rollUp(limit: 10, now: Self.now) == 1)
        #expect(try await network.rollUp(limit: 10, now: Self.now) == 0)

        let half = try await network.traffic(serviceID: id, tier: .thirtyMinutes, from: start, to: Self.now)
        #expect(half.count == 4)
        // 06:30–07:00 holds 06:30, 06:40, 06:45, 06:50, 06:55 (06:35 is missing): 60+80+90+100+110 over 5.
        #expect(half[1].samples == 5)
        #expect(half[1].inAverage == 88)
        #expect(half[1].inMinimum == 60 && half[1].inMaximum == 110)
        let fine = values.map { value in
            TrafficAggregate(sample: TrafficSample(at: value.at, inBitsPerSecond: value.in, outBitsPerSecond: value.out))
        }
        let expected = TrafficRollUp.rollUp(fine, into: .thirtyMinutes)
        #expect(half == expected)
        let twoHours = try await network.traffic(serviceID: id, tier: .twoHours, from: start, to: Self.now)
        #expect(twoHours.count == 1)
        #expect(twoHours[0].samples == 23)
        let day = try await network.traffic(
            serviceID: id, tier: .oneDay, from: TrafficTier.oneDay.bucket(of: start), to: Self.now)
        #expect(day.count == 1 && day[0].samples == 23 && day[0].inMaximum == 230)

        // The missing sample arrives late: its half-hour, two hours and day are made again.
        _ = try await network.ingest(Self.samples("OC00001", [(start + 7 * 300, 1_000, 0)]), now: Self.now)
        #expect(try await network.rollUp(limit: 10, now: Self.now) == 1)
        let again = try await network.traffic(serviceID: id, tier: .thirtyMinutes, from: start, to: Self.now)
        #expect(again[1].samples == 6)
        #expect(again[1].inMaximum == 1_000)
        #expect(again[0] == half[0])
        let dayAgain = try await network.traffic(
            serviceID: id, tier: .oneDay, from: TrafficTier.oneDay.bucket(of: start), to: Self.now)
        #expect(dayAgain[0].samples == 24 && dayAgain[0].inMaximum == 1_000)
    }

    @Test("each tier keeps what it should: 5-minute samples go after 7 days, their roll-ups stay")
    func pruning() async throws {
        let fixture = try CompanyFixture()
        let id = try await DeliveredOffers.seed(fixture, count: 1, offering: .fibre)[0].offer
        let network = SQLiteNetworkRepository(store: fixture.store)
        let start = Self.now - 3_600
        _ = try await network.ingest(Self.samples("OC00001", [(start, 10, 10), (start + 300, 20, 20)]), now: Self.now)
        _ = try await network.rollUp(limit: 10, now: Self.now)
        let later = Self.now + 8 * 86_400
        #expect(try await network.prune(after: 0, limit: 10, now: later) == nil)
        #expect(try await network.traffic(serviceID: id, tier: .fiveMinutes, from: 0, to: later).isEmpty)
        #expect(try await network.traffic(serviceID: id, tier: .thirtyMinutes, from: 0, to: later).count == 1)
        let muchLater = Self.now + 200 * 86_400
        _ = try await network.prune(after: 0, limit: 10, now: muchLater)
        #expect(try await network.traffic(serviceID: id, tier: .twoHours, from: 0, to: muchLater).isEmpty)
        #expect(try await network.traffic(serviceID: id, tier: .oneDay, from: 0, to: muchLater).count == 1)
    }

    @Test("state reports: a change is kept and published in order, a repeat and an older report change nothing")
    func states() async throws {
        let fixture = try CompanyFixture()
        _ = try await DeliveredOffers.seed(fixture, count: 2, offering: .fibre)
        let network = SQLiteNetworkRepository(store: fixture.store)
        let watched = fixture.store.linkStates.watch(service: 1)
        let t = { (seconds: Int64) in Timestamp(milliseconds: (Self.now + seconds) * 1_000) }
        let reports: [NetworkReport<LinkStatus>] = [
            NetworkReport(index: 0, reference: "OC00001", value: LinkStatus(state: .up, changedAt: t(0))),
            NetworkReport(index: 1, reference: "OC00001", value: LinkStatus(state: .up, changedAt: t(1))),
            NetworkReport(
                index: 2, reference: "OC00001", value: LinkStatus(state: .down, reason: "perte de porteuse", changedAt: t(10))),
            NetworkReport(index: 3, reference: "OC00001", value: LinkStatus(state: .up, changedAt: t(5))),
            NetworkReport(index: 4, reference: "OC00002", value: LinkStatus(state: .degraded, changedAt: t(3))),
            NetworkReport(index: 5, reference: "OC09999", value: LinkStatus(state: .up, changedAt: t(3))),
        ]
        let outcome = try await network.reportStates(reports, at: t(20))
        #expect(outcome.changed == 3)
        #expect(outcome.repeated == 1)
        #expect(outcome.stale == 1)
        #expect(outcome.rejected.map(\.index) == [5])
        var iterator = watched.makeAsyncIterator()
        #expect(await iterator.next()?.status.state == .up)
        let down = await iterator.next()
        #expect(down?.status == LinkStatus(state: .down, reason: "perte de porteuse", changedAt: t(10)))
        let service = try #require(try await network.service(reference: "OC00001", in: .everything))
        #expect(service.status.state == .down)
        let history = try await fixture.store.reads.read { db in
            try String.fetchAll(db, sql: "SELECT state FROM link_state_event WHERE contracted_offer_id = 1 ORDER BY id")
        }
        #expect(history == ["up", "down"])
    }
}
