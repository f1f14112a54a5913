import Foundation
import GRDB
import MyOpenIPClient
import MyOpenIPDomain
import Testing

/// A daemon killed (SIGKILL) in the middle of an invoice run: after a restart, running the month
/// again bills each company once, the numbers follow each other without a gap, and every invoice
/// gets its PDF.
@Suite("Billing after a crash", .serialized, .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct BillingCrashTests {
    static let companies = 500

    @Test("kill -9 during a run, restart, run again: every company billed once, numbers without a gap")
    func killDuringRun() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let socket = folder + "/myopenipd.sock"
        let first = try await CrashDurabilityTests.start(folder)
        let admin = MyOpenIPClient(target: .unix(path: socket))
        let cgv = try await admin.terms.publish(
            title: "CGV", text: "Article 1", effectiveAt: "2017-02-15", document: .salesConditions
        ).version
        for index in 1...Self.companies {
            var request = Myopenip_V1_CreateCompanyRequest()
            request.kind = .client
            request.name = "Client \(index)"
            request.siren = Siren.completing(String(30_000_000 + index))!.description
            request.legalStatus = "SAS"
            request.mails.administrative = "compta@client-\(index).fr"
            _ = try await admin.companies.create(request)
        }
        let month = BillingMonth(containing: CivilDate(Timestamp(Date())))
        try Self.seed(database: folder + "/myopenip.sqlite", cgv: cgv, deliveredIn: month.previous)

        // The run goes on; once a few batches are issued, the daemon is killed without warning.
        let run = Task {
            var done: UInt32 = 0
            do {
                for try await progress in try await admin.billing.run(period: month.description) {
                    done = progress.companiesDone
                }
            } catch {}
            return done
        }
        try await Self.poll(for: .seconds(120)) { (try? Self.count(database: folder + "/myopenip.sqlite")) ?? 0 >= 64 }
        first.send(SIGKILL)
        await first.exit()
        _ = await run.value
        await admin.close()
        let before = try Self.count(database: folder + "/myopenip.sqlite")
        #expect(before > 0 && before < Self.companies, "killed in the middle: \(before) of \(Self.companies)")

        let second = try await CrashDurabilityTests.start(folder)
        defer { second.stopInBackground() }
        let again = MyOpenIPClient(target: .unix(path: socket))
        defer { Task { await again.close() } }
        let last = try await again.billing.runToEnd(period: month.description, options: CallOptions(timeout: .seconds(300)))
        #expect(Int(last.alreadyIssued) == before && Int(last.invoicesIssued) == Self.companies - before)
        var numbers: [String] = []
        var companies: Set<String> = []
        var token = ""
        repeat {
            let page = try await again.billing.list(pageSize: 500, pageToken: token)
            numbers += page.invoices.map(\.number)
            companies.formUnion(page.invoices.map(\.companyReference))
            token = page.nextPageToken
        } while !token.isEmpty
        let year = CivilDate(Timestamp(Date())).year
        #expect(
            numbers.sorted()
                == (1...Self.companies).map { DocumentNumber(series: .invoice, year: year, sequence: Int64($0)).description })
        #expect(companies.count == Self.companies)
        // The PDFs the kill left unmade are made at the restart, or with the second run.
        try await Self.poll(for: .seconds(120)) {
            (try? Self.count(database: folder + "/myopenip.sqlite", sql: "SELECT COUNT(*) FROM invoice WHERE pdf IS NULL")) == 0
        }
    }

    /// Polls `condition` every 5 ms until it holds, for up to `limit`.
    static func poll(for limit: Duration, _ condition: () -> Bool) async throws {
        let end = ContinuousClock.now.advanced(by: limit)
        while !condition() {
            guard ContinuousClock.now < end else {
                Issue.record("the condition never held")
                return
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    static func count(database: String, sql: String = "SELECT COUNT(*) FROM invoice") throws -> Int {
        let queue = try DatabaseQueue(path: database)
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// One order with a delivered TRUNK SIP for every company, written beside the running daemon
    /// (SQLite lets a second connection write; placing 500 orders through clients' sessions would
    /// take most of the test).
    static func seed(database: String, cgv: Int64, deliveredIn month: BillingMonth) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: database, configuration: configuration)
        let delivered = CivilDate(year: month.year, month: month.month, day: 10)!.start().milliseconds
        try queue.write { db in
            let sites = try Row.fetchAll(db, sql: "SELECT company_id, id FROM site WHERE is_head_office = 1 ORDER BY company_id")
            for (index, site) in sites.enumerated() {
                let company: Int64 = site["company_id"]
                try db.execute(
                    sql: """
                        INSERT INTO quote (company_id, state, entered_for_client, created_at, created_by, updated_at, valid_until)
                        VALUES (?, 'accepted', 0, 0, 'test', 0, 0)
                        """, arguments: [company])
                try db.execute(
                    sql: """
                        INSERT INTO customer_order (reference, company_id, quote_id, state, cgv_version, placed_at, placed_by,
                            one_time_cents, monthly_cents, search_key, updated_at)
                        VALUES (?, ?, ?, 'completed', ?, 0, 'test', 15000, 9000, '', 0)
                        """,
                    arguments: [
                        BusinessReference(.order, sequence: Int64(index + 1)).description, company, db.lastInsertedRowID, cgv,
                    ])
                try db.execute(
                    sql: """
                        INSERT INTO contracted_offer (reference, company_id, order_id, item_number, offering_code, name,
                            category, offering, site_id, site, city, quantity, form, state, kind, delivered_at, search_key,
                            created_at, updated_at)
                        VALUES (?, ?, ?, 1, 'TRUNK-SIP', 'TRUNK SIP', 'ip_telephony', ?, ?, '{}', 'Paris', 1, '{}',
                            'active', 'creation', ?, '', 0, 0)
                        """,
                    arguments: [
                        BusinessReference(.contractedOffer, sequence: Int64(index + 1)).description, company,
                        db.lastInsertedRowID,
                        """
                        {"category":"ip_telephony","code":"TRUNK-SIP","commitmentMonths":24,"description":"","form":[],\
                        "monthlyPriceCents":9000,"name":"TRUNK SIP","needsEquipmentDelivery":false,\
                        "needsOnSiteIntervention":false,"noticeMonths":1,"oneTimePriceCents":15000,"terminationFeeCents":15000}
                        """, site["id"] as Int64, delivered,
                    ])
            }
        }
    }
}
