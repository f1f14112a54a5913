import Foundation
import GRDB
import MyOpenIPClient
import MyOpenIPDomain
import MyOpenIPServer
import MyOpenIPStore
import Testing

/// The database a released build left, committed: `Tests/Fixtures/schema-v16.sqlite`, written by
/// the build whose last migration is `v16_network` (before the first migration after it) with
/// `MYOPENIP_WRITE_SCHEMA_FIXTURE=1 swift test --filter UpgradeTests`. Every later build must
/// open it, migrate it and find its data.
enum SchemaFixture {
    static let path = Executables.packageRoot + "/Tests/Fixtures/schema-v16.sqlite"
    static let lastMigration = "v16_network"

    /// A data folder holding a copy of the fixture as the daemon's database.
    static func folderWithCopy() throws -> String {
        let folder = TestDaemon.makeFolder()
        try FileManager.default.copyItem(atPath: path, toPath: folder + "/" + Store.fileName)
        return folder
    }
}

@Suite("Upgrades: a database of the previous schema opens and keeps its data; a newer one is refused", .serialized)
struct UpgradeTests {
    @Test(
        "writes the fixture of the current schema",
        .enabled(if: ProcessInfo.processInfo.environment["MYOPENIP_WRITE_SCHEMA_FIXTURE"] != nil))
    func writeFixture() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await TechnicalWorld.prepare(daemon)
            var link = Myopenip_V1_LinkParameters()
            link.downstreamKbps = 500_000
            link.addresses = ["192.0.2.0/29"]
            _ = try await world.admin.network.updateLink(
                reference: "OC00001", parameters: link, paths: ["downstream_kbps", "addresses"])
            _ = try await world.admin.collector.report(states: [stateReport("OC00001", .up, reason: "livré")])
            let last = TrafficTier.fiveMinutes.bucket(of: daemon.clock.timestamp().seconds) - 300
            _ = try await world.admin.collector.report(
                samples: (0..<12).map { trafficSample("OC00001", at: last - Int64($0) * 300, in: 10_000_000, out: 1_000_000) })
            await daemon.rollUpTraffic()
            try? FileManager.default.removeItem(atPath: SchemaFixture.path)
            try await daemon.daemon.store.writer.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [SchemaFixture.path])
            }
        }
    }

    @Test("the previous schema's database opens, is migrated, and every domain finds its data")
    func previousSchema() async throws {
        let folder = try SchemaFixture.folderWithCopy()
        let daemon = try await TestDaemon.start(folder: folder)
        do {
            let admin = daemon.operatorClient()
            let companies = try await admin.companies.list().companies.map(\.reference)
            #expect(companies.contains(OrderingFixture.client) && companies.contains(OrderingFixture.partner))
            let sites = try await admin.sites.list(companyReference: OrderingFixture.client)
            #expect(sites.map(\.fields.name).contains("Agence Clichy"))
            let offers = try await admin.orders.offers().offers.map(\.reference)
            #expect(offers.contains("OC00001") && offers.contains("OC00002"))
            let link = try await admin.network.get(reference: "OC00001")
            #expect(link.link.downstreamKbps == 500_000 && link.link.addresses == ["192.0.2.0/29"])
            #expect(link.status.state == .up && link.status.reason == "livré")
            let year = try await admin.network.traffic(reference: "OC00001", window: .year)
            #expect(year.points.reduce(0) { $0 + $1.samples } == 12)
            // Its users still sign in with their passwords and keep their rights.
            let accounts = try await admin.identity.listAccounts(companyReference: OrderingFixture.client).accounts
            let login = try #require(accounts.first?.login)
            let user = try await daemon.loggedIn(login)
            #expect(try await user.network.list().services.count == 2)
            let applied = try await daemon.daemon.store.reads.read { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            }
            #expect(applied.contains(SchemaFixture.lastMigration))
            #expect(applied.count == Daemon.domains.flatMap(\.migrations).count)
            try await daemon.stop()
        } catch {
            try? await daemon.stop()
            throw error
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test("a database written by a newer build is refused with a clear message, and left untouched")
    func newerSchema() async throws {
        let folder = try SchemaFixture.folderWithCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + Store.fileName
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99_from_the_future')")
        }
        try await queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var configuration = DaemonConfiguration.defaults(environment: [:])
        configuration.dataDirectory = folder
        configuration.socketPath = folder + "/d.sock"
        configuration.tcp = .init(host: "127.0.0.1", port: 0)
        #expect {
            _ = try Daemon(configuration: configuration, logger: .init(label: "test"))
        } throws: { error in
            guard case StoreError.newerSchema(_, let unknown) = error else { return false }
            return unknown == ["v99_from_the_future"] && "\(error)".contains("written by a newer build of myopenipd")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // The daemon's executable says so and stops.
        let run = try await Executables.run("myopenipd", ["--data-dir", folder, "--listen", "127.0.0.1:0"])
        #expect(run.status != 0)
        #expect(run.standardError.contains("written by a newer build"), "\(run.standardError)")
    }
}
