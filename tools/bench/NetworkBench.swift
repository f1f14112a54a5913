import Foundation
import GRDB
import MyOpenIPClient
import MyOpenIPDomain
import Synchronization

/// The technical-services benchmark: N client companies with a fibre each (and a trunk and a
/// cloud PBX: the billing bench's world), then
/// 1. the collector's rounds: one 5-minute sample of every link, in batches of 2,000 over one
///    connection, twelve rounds (an hour of traffic), each timed, then the roll-up of that hour;
/// 2. a month graph of one link: its month of 30-minute buckets and week of samples written
///    into the stopped daemon's database (as 30 days of the collector would leave them), then
///    GetTrafficGraph for the month, SVG and PNG, timed end to end;
/// 3. 1,000 watchers of one link on 10 connections: the time from a state report to the last
///    watcher's copy, and the report's own time with and without the watchers;
/// 4. the disk a year of traffic takes: the steady state of every tier for 1,000 links written
///    into a database of its own, measured, and scaled to 10,000 links.
enum NetworkBench {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func run(executable: String, links: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "myopenip-bench-network-\(UUID().uuidString.prefix(8))")
        var child = try DaemonProcess.start(executable: executable, folder: folder)
        var admin = MyOpenIPClient(unixSocketPath: child.socketPath)
        print("myopenip-bench: technical services of \(links) links, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        var clock = ContinuousClock.now
        let cgv = try await admin.terms.publish(
            title: "Conditions générales de vente", text: "Article 1", effectiveAt: "2017-02-15", document: .salesConditions
        ).version
        try await BillingBench.createCompanies(admin, count: links)
        await admin.close()
        child.stop(keepingFolder: true)
        let today = CivilDate(Timestamp(Date()))
        try BillingBench.seed(folder: folder, companies: links, cgv: cgv, delivered: today.adding(days: -40))
        let now = Int64(Date().timeIntervalSince1970)
        try seedMonth(folder: folder, link: 2, now: now)
        print("  \(links) companies with their offers made in \(clock.duration(to: .now))")
        child = try DaemonProcess.start(executable: executable, folder: folder)
        defer { child.stop() }
        admin = MyOpenIPClient(unixSocketPath: child.socketPath)
        let references = (1...links).map { BillingBench.offerReference(company: $0, item: 1) }

        // 1. Twelve rounds of the collector, an hour of samples, ending with the last five minutes.
        let last = TrafficTier.fiveMinutes.bucket(of: now) - 300
        var rounds: [Double] = []
        for round in 0..<12 {
            let at = last - Int64(11 - round) * 300
            clock = .now
            var accepted = 0
            for start in stride(from: 0, to: links, by: 2_000) {
                let samples = references[start..<min(start + 2_000, links)].enumerated().map { index, reference in
                    var sample = Myopenip_V1_TrafficSampleReport()
                    sample.reference = reference
                    sample.at = .init(seconds: at)
                    sample.inBitsPerSecond = Int64(1_000_000 + (start + index) * 997 % 50_000_000)
                    sample.outBitsPerSecond = Int64(500_000 + (start + index) * 991 % 20_000_000)
                    return sample
                }
                let answer = try await admin.collector.report(samples: samples)
                accepted += Int(answer.accepted + answer.duplicates)
            }
            rounds.append(seconds(clock.duration(to: .now)))
            guard accepted == links else { throw Failure(description: "round \(round): \(accepted) of \(links) taken") }
        }
        let sorted = rounds.sorted()
        print(
            "  ingest: \(links) samples a round in batches of 2,000, 12 rounds: median \(ms(sorted[6])) ms, "
                + "best \(ms(sorted[0])) ms, worst \(ms(sorted[11])) ms (\(Int(Double(links) / sorted[6])) samples/s)")

        // 2. The month graph of one link.
        let graphLink = BillingBench.offerReference(company: 1, item: 1)
        for (name, format) in [("SVG", Myopenip_V1_GraphFormat.svg), ("PNG", .png)] {
            var times: [Double] = []
            var bytes = 0
            for _ in 0..<30 {
                clock = .now
                let graph = try await admin.network.graph(reference: graphLink, window: .month, format: format)
                times.append(seconds(clock.duration(to: .now)))
                bytes = graph.content.count
            }
            times.sort()
            print(
                "  month graph (\(name), 1,440 points of 30 min), GetTrafficGraph end to end, 30 calls: "
                    + "p50 \(ms(times[15])) ms, best \(ms(times[0])) ms, worst \(ms(times[29])) ms, \(bytes / 1024) KiB")
        }

        // 3. 1,000 watchers of one link.
        try await watchers(socketPath: child.socketPath, admin: admin, link: graphLink)

        print("  daemon peak RSS \(child.peakResidentKiB() / 1024) MiB")
        await admin.close()

        // 4. The disk of a year of traffic.
        try disk(links: 1_000, now: now)
    }

    /// 1,000 watchers of `link`, 100 on each of 10 connections; 50 changes reported one by one.
    static func watchers(socketPath: String, admin: MyOpenIPClient, link: String) async throws {
        let alone = try await reportTimes(admin, link: link, count: 50, offset: 0)
        let clients = (0..<10).map { _ in MyOpenIPClient(unixSocketPath: socketPath) }
        let received = Mutex<[Int: Int]>([:])  // change number → copies received
        let arrived = Mutex<[Int: UInt64]>([:])  // change number → when the last copy arrived
        let started = Atomic<Int>(0)
        let tasks = clients.flatMap { client in
            (0..<100).map { _ in
                watch(client, link: link) { change in
                    if change.initial {
                        started.add(1, ordering: .relaxed)
                        return
                    }
                    guard let number = Int(change.status.reason.dropFirst(6)) else { return }
                    let now = DispatchTime.now().uptimeNanoseconds
                    received.withLock { $0[number, default: 0] += 1 }
                    arrived.withLock { $0[number] = max($0[number] ?? 0, now) }
                }
            }
        }
        while started.load(ordering: .relaxed) < 1_000 { try await Task.sleep(for: .milliseconds(10)) }
        var fanOut: [Double] = []
        var reports: [Double] = []
        let base = Date().addingTimeInterval(-3_000)
        for number in 0..<50 {
            let sent = DispatchTime.now().uptimeNanoseconds
            let before = ContinuousClock.now
            _ = try await admin.collector.report(states: [
                state(link, number: 1_000 + number, at: base.addingTimeInterval(Double(1_000 + number)))
            ])
            reports.append(seconds(ContinuousClock.now - before))
            while received.withLock({ $0[1_000 + number] ?? 0 }) < 1_000 { try await Task.sleep(for: .microseconds(200)) }
            let last = arrived.withLock { $0[1_000 + number] ?? sent }
            fanOut.append(Double(last - sent) / 1e9)
        }
        for task in tasks { task.cancel() }
        for client in clients { await client.close() }
        fanOut.sort()
        reports.sort()
        print(
            "  1,000 watchers of one link: a change reaches the last of them in p50 \(ms(fanOut[25])) ms, "
                + "p99 \(ms(fanOut[49])) ms; the collector's report takes p50 \(ms(reports[25])) ms "
                + "(\(ms(alone[25])) ms with no watcher)")
    }

    /// Watches `link` in the background, handing each change to `seen`.
    static func watch(
        _ client: MyOpenIPClient, link: String, _ seen: @escaping @Sendable (Myopenip_V1_LinkStateChange) -> Void
    ) -> Task<Void, any Error> {
        Task {
            for try await change in try await client.network.watch(reference: link) { seen(change) }
        }
    }

    static func reportTimes(_ admin: MyOpenIPClient, link: String, count: Int, offset: Int) async throws -> [Double] {
        var times: [Double] = []
        let base = Date().addingTimeInterval(-4_000)
        for number in 0..<count {
            let before = ContinuousClock.now
            _ = try await admin.collector.report(states: [
                state(link, number: offset + number, at: base.addingTimeInterval(Double(offset + number)))
            ])
            times.append(seconds(ContinuousClock.now - before))
        }
        return times.sorted()
    }

    static func state(_ link: String, number: Int, at: Date) -> Myopenip_V1_LinkStateReport {
        var report = Myopenip_V1_LinkStateReport()
        report.reference = link
        report.state = number % 2 == 0 ? .down : .up
        report.reason = "change\(number)"
        report.changedAt = .init(date: at)
        return report
    }

    /// A month of 30-minute buckets and a week of samples for one link, as the collector and the
    /// roll-ups would have left them.
    static func seedMonth(folder: URL, link: Int64, now: Int64) throws {
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("myopenip.sqlite").path)
        try queue.write { db in
            try fill(db, link: link, now: now, days: (fiveMinutes: 7, thirtyMinutes: 30, twoHours: 0, oneDay: 0))
        }
    }

    /// The steady state of every tier for `links` links in a database of their own: its size,
    /// and that size for 10,000 links.
    static func disk(links: Int, now: Int64) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "myopenip-bench-traffic-\(UUID().uuidString.prefix(8)).sqlite"
        ).path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        let clock = ContinuousClock.now
        try queue.write { db in
            // The two traffic tables as the daemon's migration makes them.
            try db.execute(
                sql: """
                    CREATE TABLE traffic_sample (contracted_offer_id INTEGER NOT NULL, at INTEGER NOT NULL,
                        in_bps INTEGER NOT NULL, out_bps INTEGER NOT NULL, PRIMARY KEY (contracted_offer_id, at)) WITHOUT ROWID;
                    CREATE TABLE traffic_rollup (contracted_offer_id INTEGER NOT NULL, tier INTEGER NOT NULL,
                        start INTEGER NOT NULL, samples INTEGER NOT NULL, in_sum INTEGER NOT NULL, in_min INTEGER NOT NULL,
                        in_max INTEGER NOT NULL, out_sum INTEGER NOT NULL, out_min INTEGER NOT NULL, out_max INTEGER NOT NULL,
                        PRIMARY KEY (contracted_offer_id, tier, start)) WITHOUT ROWID;
                    """)
        }
        var rows = 0
        for link in 1...links {
            try queue.write { db in
                rows += try fill(
                    db, link: Int64(link), now: now,
                    days: (fiveMinutes: 7, thirtyMinutes: 30, twoHours: 120, oneDay: 365))
            }
        }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(
            "  a year of traffic for \(links) links (every tier full: 7 days of 5 min, 30 of 30 min, 120 of 2 h, "
                + "365 of 1 day; \(rows) rows, written in \(clock.duration(to: .now))): "
                + "\(size / 1_048_576) MiB, \(size / links / 1024) KiB a link, so \(size / links * 10_000 / 1_048_576) MiB for 10,000 links"
        )
    }

    /// Rows of one link: `days` of each tier ending now, rates that move like traffic.
    @discardableResult
    static func fill(
        _ db: Database, link: Int64, now: Int64, days: (fiveMinutes: Int, thirtyMinutes: Int, twoHours: Int, oneDay: Int)
    ) throws -> Int {
        var rows = 0
        let sample = try db.makeStatement(
            sql: "INSERT OR IGNORE INTO traffic_sample (contracted_offer_id, at, in_bps, out_bps) VALUES (?, ?, ?, ?)")
        let rollup = try db.makeStatement(
            sql: "INSERT OR IGNORE INTO traffic_rollup VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        func rate(_ at: Int64) -> Int64 {
            // A working day's curve between 2 and 80 Mbit/s, plus noise.
            let hour = Double((at / 3_600) % 24)
            return Int64(2_000_000 + 78_000_000 * max(0, sin((hour - 6) / 12 * .pi))) + (at * 7_919 % 3_000_000)
        }
        let fine = TrafficTier.fiveMinutes
        var at = fine.bucket(of: now - Int64(days.fiveMinutes) * 86_400)
        while at < now - 300 {
            try sample.execute(arguments: [link, at, rate(at), rate(at + 150) / 3])
            rows += 1
            at += 300
        }
        for (tier, count) in [
            (TrafficTier.thirtyMinutes, days.thirtyMinutes), (.twoHours, days.twoHours), (.oneDay, days.oneDay),
        ]
        where count > 0 {
            var start = tier.bucket(of: now - Int64(count) * 86_400)
            let samples = tier.seconds / 300
            while start < now {
                let average = rate(start + tier.seconds / 2)
                try rollup.execute(arguments: [
                    link, tier.index, start, samples, average * samples, average / 2, average * 3 / 2,
                    average / 3 * samples, average / 6, average / 2,
                ])
                rows += 1
                start += tier.seconds
            }
        }
        return rows
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1_000) }
}
