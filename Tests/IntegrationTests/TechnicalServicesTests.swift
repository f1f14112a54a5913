import Foundation
import MyOpenIPClient
import MyOpenIPDomain
import MyOpenIPServer
import Synchronization
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// « Ma Société » with its fibre (OC00001, a data link) and its cloud PBX (OC00002, a voice
/// trunk) delivered.
struct TechnicalWorld {
    let ordering: OrderingFixture
    let admin: MyOpenIPClient
    let user: MyOpenIPClient

    static func prepare(_ daemon: TestDaemon) async throws -> TechnicalWorld {
        let ordering = try await OrderingFixture.prepare(daemon)
        let admin = daemon.operatorClient()
        let user = try await ordering.clientUser(daemon)
        _ = try await user.quotes.place(quoteID: try await ordering.fullQuote(by: user).id, cgvVersion: ordering.cgvVersion)
        try await admin.delivery.advance(order: "COM00001", to: .inProgress)
        try await admin.delivery.advance(offer: "OC00001", to: .active)
        try await admin.delivery.advance(offer: "OC00002", to: .active)
        return TechnicalWorld(ordering: ordering, admin: admin, user: user)
    }

    /// An administrator of the other client, OIP-00000003.
    func stranger(_ daemon: TestDaemon) async throws -> MyOpenIPClient {
        let login = try await daemon.createActiveUser(company: OrderingFixture.otherClient)
        let administrator = try #require(
            try await admin.rights.templates().mainRights.first { $0.main == "administrator" }
        ).id
        try await admin.rights.setUserRights(login: login, rightIDs: [administrator])
        let other = try await daemon.loggedIn(login)
        try await other.terms.accept(version: 1)
        return other
    }
}

extension TestDaemon {
    /// Runs the traffic roll-up now, as the daemon's background service does every minute.
    func rollUpTraffic() async {
        for case let service as TrafficRollUpService in daemon.backgroundServices { await service.runOnce() }
    }
}

/// A state report of the collector.
func stateReport(_ reference: String, _ state: Myopenip_V1_LinkState, reason: String = "", at: Date? = nil)
    -> Myopenip_V1_LinkStateReport
{
    var report = Myopenip_V1_LinkStateReport()
    report.reference = reference
    report.state = state
    report.reason = reason
    if let at { report.changedAt = .init(date: at) }
    return report
}

/// A 5-minute traffic sample of the collector.
func trafficSample(_ reference: String, at: Int64, in inRate: Int64, out outRate: Int64) -> Myopenip_V1_TrafficSampleReport {
    var sample = Myopenip_V1_TrafficSampleReport()
    sample.reference = reference
    sample.at = .init(seconds: at)
    sample.inBitsPerSecond = inRate
    sample.outBitsPerSecond = outRate
    return sample
}

@Suite("Technical services over the wire: parameters, live state to every watcher, traffic and its graphs, scope")
struct TechnicalServicesTests {
    @Test("the client sees its link and trunk read-only; staff set their parameters a field at a time")
    func parameters() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await TechnicalWorld.prepare(daemon)
            let list = try await world.user.network.list()
            #expect(list.services.map(\.reference) == ["OC00001", "OC00002"])
            #expect(list.services.map(\.kind) == [.dataLink, .voiceTrunk])
            #expect(list.services[0].status.stateLabel == "Inconnu")
            #expect(list.services[0].kindLabel == "Lien data")

            var link = Myopenip_V1_LinkParameters()
            link.accessType = .fiberDedicated
            link.downstreamKbps = 500_000
            link.upstreamKbps = 500_000
            link.addresses = ["192.0.2.1/29", "2001:DB8:12::/48"]
            var set = try await world.admin.network.updateLink(
                reference: "oc00001", parameters: link, paths: ["access_type", "downstream_kbps", "upstream_kbps", "addresses"])
            #expect(set.link.addresses == ["192.0.2.0/29", "2001:db8:12::/48"])
            #expect(set.link.accessTypeLabel == "Fibre dédiée (FTTO)")
            var interface = Myopenip_V1_LinkParameters()
            interface.interfaceID = "par-pe1:xe-0/0/1.120"
            interface.downstreamKbps = 1  // not in the mask: ignored
            interface.addresses = ["not a prefix"]  // not in the mask: not even read
            set = try await world.admin.network.updateLink(reference: "OC00001", parameters: interface, paths: ["interface_id"])
            #expect(set.link.downstreamKbps == 500_000 && set.link.interfaceID == "par-pe1:xe-0/0/1.120")
            let seen = try await world.user.network.get(reference: "OC00001")
            #expect(seen.link == set.link && seen.hasParametersUpdatedAt)

            var trunk = Myopenip_V1_VoiceTrunkParameters()
            trunk.channels = 20
            trunk.numbers = ["01 23 45 67 89", "+33 1 23 45 67 90"]
            let voice = try await world.admin.network.updateVoiceTrunk(
                reference: "OC00002", parameters: trunk, paths: ["channels", "numbers"])
            #expect(voice.voiceTrunk.numbers == ["+33123456789", "+33123456790"])

            // The client reads, never changes.
            let refused = await rpcError {
                try await world.user.network.updateLink(reference: "OC00001", parameters: link, paths: ["downstream_kbps"])
            }
            #expect(refused?.code == .permissionDenied)
            // Bad input names its field and changes nothing.
            var bad = Myopenip_V1_LinkParameters()
            bad.addresses = ["192.0.2.1/33"]
            let badPrefix = await rpcError {
                try await world.admin.network.updateLink(reference: "OC00001", parameters: bad, paths: ["addresses"])
            }
            #expect(badPrefix?.code == .invalidArgument && badPrefix?.field == "parameters.addresses")
            let badMask = await rpcError {
                try await world.admin.network.updateLink(reference: "OC00001", parameters: bad, paths: ["name"])
            }
            #expect(badMask?.reason == "UPDATE_MASK_INVALID")
            let wrongKind = await rpcError {
                try await world.admin.network.updateVoiceTrunk(reference: "OC00001", parameters: trunk, paths: ["channels"])
            }
            #expect(wrongKind?.code == .failedPrecondition && wrongKind?.reason == "NOT_A_VOICE_TRUNK")
            #expect(try await world.user.network.get(reference: "OC00001").link == set.link)
        }
    }

    @Test("another tenant's service is NOT_FOUND everywhere; the partner sees its client's")
    func scope() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await TechnicalWorld.prepare(daemon)
            let other = try await world.stranger(daemon)
            #expect(try await other.network.list().services.isEmpty)
            for attempt in [
                await rpcError { try await other.network.get(reference: "OC00001") },
                await rpcError { try await other.network.traffic(reference: "OC00001") },
                await rpcError { try await other.network.graph(reference: "OC00001") },
                await rpcError {
                    for try await _ in try await other.network.watch(
                        reference: "OC00001", options: CallOptions(timeout: .seconds(10)))
                    {}
                },
                await rpcError {
                    for try await _ in try await other.network.watch(
                        companyReference: OrderingFixture.client, options: CallOptions(timeout: .seconds(10)))
                    {}
                },
            ] {
                #expect(attempt?.code == .notFound)
            }
            let partner = try await world.ordering.partnerUser(daemon)
            #expect(try await partner.network.list().services.count == 2)
            let missing = await rpcError { try await world.user.network.get(reference: "OC09999") }
            #expect(missing?.code == .notFound && missing?.reason == "TECHNICAL_SERVICE_NOT_FOUND")
            // The cloud PBX is a trunk: it has no traffic graph.
            let trunkTraffic = await rpcError { try await world.user.network.traffic(reference: "OC00002") }
            #expect(trunkTraffic?.code == .failedPrecondition && trunkTraffic?.reason == "NOT_A_DATA_LINK")
        }
    }

    @Test("a state change reaches every watcher in order; stale, repeated and unknown reports are counted apart")
    func watchers() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await TechnicalWorld.prepare(daemon)
            let partner = try await world.ordering.partnerUser(daemon)
            let watchers: [(String, MyOpenIPClient, String, String)] = [
                ("client, one link", world.user, "OC00001", ""),
                ("partner, its client", partner, "", OrderingFixture.client),
                ("operator, everything", daemon.operatorClient(), "", ""),
            ]
            let seen = Mutex<[String: [Myopenip_V1_LinkStateChange]]>([:])
            let tasks = watchers.map { name, client, reference, company in
                Self.collect(client, reference: reference, company: company) { change in
                    seen.withLock { $0[name, default: []].append(change) }
                }
            }
            // Every watch has sent its initial states (the operator's two, one after the other).
            try await waitUntil { seen.withLock { $0.count == 3 && ($0["operator, everything"]?.count ?? 0) >= 2 } }
            #expect(seen.withLock { $0["client, one link"]?.map(\.initial) } == [true])
            #expect(seen.withLock { $0["operator, everything"]?.map(\.reference) } == ["OC00001", "OC00002"])

            let base = Date(timeIntervalSince1970: TimeInterval(daemon.clock.timestamp().seconds))
            let first = try await world.admin.collector.report(states: [
                stateReport("OC00001", .up, at: base),
                stateReport("OC00001", .down, reason: "perte de porteuse", at: base.addingTimeInterval(10)),
                stateReport("OC00001", .up, at: base.addingTimeInterval(5)),  // older: stale
            ])
            #expect(first.changed == 2 && first.stale == 1)
            let second = try await world.admin.collector.report(states: [
                stateReport("OC00001", .down, reason: "perte de porteuse", at: base.addingTimeInterval(11)),  // repeat
                stateReport("OC00001", .degraded, reason: "secours 4G", at: base.addingTimeInterval(20)),
                stateReport("OC09999", .up),
                stateReport("OC00001", .unknown),
            ])
            #expect(second.changed == 1 && second.repeated == 1)
            #expect(second.rejected.map(\.index) == [2, 3])
            #expect(second.rejected.map(\.reason) == ["TECHNICAL_SERVICE_NOT_FOUND", "LINK_STATE_INVALID"])

            try await waitUntil {
                seen.withLock { $0.values.allSatisfy { $0.filter { !$0.initial }.count == 3 } }
            }
            for (name, _, _, _) in watchers {
                let changes = seen.withLock { $0[name] ?? [] }.filter { !$0.initial }
                #expect(changes.map(\.status.state) == [.up, .down, .degraded], "\(name)")
                #expect(changes.map(\.status.stateLabel) == ["Opérationnel", "Coupé", "Dégradé"], "\(name)")
                #expect(changes[1].status.reason == "perte de porteuse")
            }
            let now = try await world.user.network.get(reference: "OC00001")
            #expect(now.status.state == .degraded && now.status.reason == "secours 4G")
            for task in tasks { task.cancel() }
        }
    }

    /// Watches in the background, handing each change to `seen`.
    static func collect(
        _ client: MyOpenIPClient, reference: String = "", company: String = "",
        _ seen: @escaping @Sendable (Myopenip_V1_LinkStateChange) -> Void
    ) -> Task<Void, any Error> {
        Task {
            for try await change in try await client.network.watch(reference: reference, companyReference: company) {
                seen(change)
            }
        }
    }

    @Test("300 watchers of one link start together on three connections and each gets the change")
    func manyWatchers() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await TechnicalWorld.prepare(daemon)
            // Each watch reads its service (a point read on its event loop) and the states in force
            // (a page on a reader's queue): together they once held every reader and the loop.
            let clients = (0..<3).map { _ in daemon.operatorClient() }
            let started = Atomic<Int>(0)
            let changed = Atomic<Int>(0)
            let tasks = clients.flatMap { client in
                (0..<100).map { _ in
                    Self.collect(client, reference: "OC00001") { change in
                        if change.initial {
                            started.add(1, ordering: .relaxed)
                        } else {
                            changed.add(1, ordering: .relaxed)
                        }
                    }
                }
            }
            try await waitUntil { started.load(ordering: .relaxed) == 300 }
            _ = try await world.admin.collector.report(states: [stateReport("OC00001", .up)])
            try await waitUntil { changed.load(ordering: .relaxed) == 300 }
            for task in tasks { task.cancel() }
            for client in clients { await client.close() }
        }
    }

    @Test("a watcher that stops reading does not slow the collector nor the other watchers")
    func slowWatcher() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await TechnicalWorld.prepare(daemon)
            // A watcher over the operator's socket that sends its request and never reads.
            let stuck = try RawConnection(unixPath: daemon.socketPath)
            try stuck.sendRequest(
                streamID: 1, service: "myopenip.v1.NetworkService", method: "WatchLinkStates",
                message: Myopenip_V1_WatchLinkStatesRequest(), metadata: [:])
            let last = Mutex<Myopenip_V1_LinkStateChange?>(nil)
            let reader = Self.collect(world.user, reference: "OC00001") { change in last.withLock { $0 = change } }
            try await waitUntil { last.withLock { $0 != nil } }
            // 20,000 changes, 500 a batch: far more than the stuck socket and its watcher buffer hold.
            let base = daemon.clock.timestamp().seconds
            var slowest: Duration = .zero
            for batch in 0..<40 {
                let reports = (0..<500).map { index in
                    let step = batch * 500 + index
                    return stateReport(
                        "OC00001", step % 2 == 0 ? .down : .up, reason: "essai \(step)",
                        at: Date(timeIntervalSince1970: TimeInterval(base - 100_000 + Int64(step))))
                }
                let started = ContinuousClock.now
                let outcome = try await world.admin.collector.report(states: reports)
                slowest = max(slowest, ContinuousClock.now - started)
                #expect(outcome.changed == 500)
            }
            #expect(slowest < .seconds(5), "a batch took \(slowest)")
            // The reading watcher gets to the latest state.
            try await waitUntil { last.withLock { $0?.status.reason == "essai 19999" } }
            reader.cancel()
            _ = stuck
        }
    }

    @Test(
        "traffic: samples kept once, late and misaligned ones refused, a day at 5 minutes, a month rolled up, the 95th percentile"
    )
    func traffic() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await TechnicalWorld.prepare(daemon)
            let now = daemon.clock.timestamp().seconds
            let last = TrafficTier.fiveMinutes.bucket(of: now) - 300
            // 280 samples up to the last five minutes, in rising by 1 Mbit/s, the 101st missing.
            var samples: [Myopenip_V1_TrafficSampleReport] = []
            var inRates: [Int64] = []
            for index in 0..<280 where index != 100 {
                let rate = Int64(index + 1) * 1_000_000
                samples.append(trafficSample("OC00001", at: last - Int64(279 - index) * 300, in: rate, out: 2_000_000))
                inRates.append(rate)
            }
            let first = try await world.admin.collector.report(samples: samples)
            #expect(first.accepted == 279 && first.duplicates == 0 && first.rejected.isEmpty)
            var again = Array(samples.prefix(3))
            again.append(trafficSample("OC00001", at: last - 3 * 86_400, in: 1, out: 1))  // too late
            again.append(trafficSample("OC00001", at: last + 7, in: 1, out: 1))  // not on 5 minutes
            again.append(trafficSample("OC00001", at: last + 600, in: 1, out: 1))  // not over yet
            again.append(trafficSample("OC00002", at: last, in: 1, out: 1))  // a trunk
            again.append(trafficSample("OC00001", at: last - 85_800, in: -1, out: 1))  // negative
            let second = try await world.admin.collector.report(samples: again)
            #expect(second.accepted == 0 && second.duplicates == 3)
            #expect(
                second.rejected.map(\.reason) == [
                    "SAMPLE_TOO_LATE", "SAMPLE_NOT_ALIGNED", "MEASURE_IN_FUTURE", "NOT_A_DATA_LINK", "RATE_INVALID",
                ])

            let day = try await world.user.network.traffic(reference: "OC00001", window: .day)
            #expect(day.resolutionSeconds == 300)
            #expect(day.points.count == 279)
            #expect(day.percentile95.inBitsPerSecond == 267_000_000)
            #expect(day.percentile95.inBitsPerSecond == Percentile.nearestRank(inRates))
            #expect(day.percentile95.billedBitsPerSecond == 267_000_000 && day.percentile95.values == 279)
            #expect(day.peakBitsPerSecond == 280_000_000)

            await daemon.rollUpTraffic()
            let month = try await world.user.network.traffic(reference: "OC00001", window: .month)
            #expect(month.resolutionSeconds == 1_800)
            #expect(month.points.reduce(0) { $0 + $1.samples } == 279)
            let bucket = try #require(month.points.first { $0.samples == 6 })
            #expect(bucket.inMaximum - bucket.inMinimum == 5_000_000)
            #expect(bucket.outAverage == 2_000_000)
            let year = try await world.user.network.traffic(reference: "OC00001", window: .year)
            #expect(year.resolutionSeconds == 86_400)
            #expect(year.points.reduce(0) { $0 + $1.samples } == 279)

            let badRange = await rpcError {
                try await world.user.network.traffic(
                    reference: "OC00001", from: Date(timeIntervalSince1970: 2_000), to: Date(timeIntervalSince1970: 1_000))
            }
            #expect(badRange?.code == .invalidArgument && badRange?.reason == "TRAFFIC_RANGE_INVALID")
        }
    }

    @Test("graphs: an SVG that parses as XML with both series and the 95th percentile, a PNG, sizes checked")
    func graphs() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await TechnicalWorld.prepare(daemon)
            let now = daemon.clock.timestamp().seconds
            let last = TrafficTier.fiveMinutes.bucket(of: now) - 300
            let samples = (0..<24).map { index in
                trafficSample("OC00001", at: last - Int64(23 - index) * 300, in: Int64(index) * 500_000, out: 250_000)
            }
            _ = try await world.admin.collector.report(samples: samples)
            let graph = try await world.user.network.graph(reference: "OC00001", window: .day)
            #expect(graph.contentType == "image/svg+xml")
            #expect(graph.fileName == "OC00001-day.svg")
            #expect(graph.percentile95.billedBitsPerSecond == 11_000_000)
            let svg = SVGElements(graph.content)
            #expect(svg.parsed)
            #expect(svg.attributes(id: "traffic-in")?["data-points"] == "24")
            #expect(svg.attributes(id: "traffic-out")?["data-points"] == "24")
            #expect(svg.attributes(id: "percentile-95") != nil)
            #expect(svg.text.contains("95e percentile : 11,0 Mbit/s"))
            #expect(svg.text.contains("OC00001"))

            let png = try await world.user.network.graph(
                reference: "OC00001", window: .week, format: .png, width: 640, height: 240)
            #expect(png.contentType == "image/png")
            #expect(Array(png.content.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            let tooWide = await rpcError { try await world.user.network.graph(reference: "OC00001", width: 100_000) }
            #expect(tooWide?.code == .invalidArgument && tooWide?.field == "width")
        }
    }
}

/// The elements of an SVG document: their attributes by id, and its text.
struct SVGElements {
    private(set) var parsed = false
    private(set) var byID: [String: [String: String]] = [:]
    private(set) var text = ""

    init(_ data: Data) {
        final class Collector: NSObject, XMLParserDelegate {
            var byID: [String: [String: String]] = [:]
            var text = ""
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]
            ) {
                if let id = attributes["id"] { byID[id] = attributes }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        }
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        parsed = parser.parse()
        byID = collector.byID
        text = collector.text
    }

    func attributes(id: String) -> [String: String]? { byID[id] }
}
