import Foundation
import GRDB
import MyOpenIPClient
import MyOpenIPDomain

/// The invoice-run benchmark: N client companies with three delivered services each (a TRUNK SIP
/// with 2 channels, a fibre, a cloud PBX; delivered on the 10th of last month) and M calls of last
/// month, then the run of this month: every invoice issued with its PDF. Companies are created
/// through the API; their orders and contracted offers are written straight into the stopped
/// daemon's database (placing 10,000 orders through clients' sessions would measure ordering);
/// the calls are imported through the API in batches of 10,000, the way the voice platform sends
/// them. Meanwhile a second connection calls Health/Check every 10 ms: the daemon must keep
/// answering.
enum BillingBench {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static let offerings: [(code: String, name: String, category: String, oneTime: Int64, monthly: Int64, quantity: Int)] =
        [
            ("TRUNK-SIP", "TRUNK SIP", "ip_telephony", 15_000, 9_000, 2),
            ("FIBRE-ENTREPRISE", "FIBRE OPTIQUE ENTREPRISE", "internet_access", 99_000, 39_900, 1),
            ("MYCLOUD3CX", "MyCloud3CX", "unified_communications", 0, 1_990, 1),
        ]

    static func run(executable: String, companies: Int, calls: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "myopenip-bench-billing-\(UUID().uuidString.prefix(8))")
        var child = try DaemonProcess.start(executable: executable, folder: folder)
        var admin = MyOpenIPClient(unixSocketPath: child.socketPath)
        let month = BillingMonth(containing: CivilDate(Timestamp(Date())))
        let delivered = CivilDate(year: month.previous.year, month: month.previous.month, day: 10)!
        print(
            "myopenip-bench: invoice run of \(month) for \(companies) companies × 3 services and \(calls) calls, "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores")
        var clock = ContinuousClock.now
        let cgv = try await admin.terms.publish(
            title: "Conditions générales de vente", text: "Article 1", effectiveAt: "2017-02-15", document: .salesConditions
        ).version
        try await createCompanies(admin, count: companies)
        print("  \(companies) companies created through the API in \(clock.duration(to: .now))")
        await admin.close()
        child.stop(keepingFolder: true)

        clock = .now
        try seed(folder: folder, companies: companies, cgv: cgv, delivered: delivered)
        print("  \(companies) orders and \(companies * 3) delivered offers written in \(clock.duration(to: .now))")
        child = try DaemonProcess.start(executable: executable, folder: folder)
        defer { child.stop() }
        admin = MyOpenIPClient(unixSocketPath: child.socketPath)

        clock = .now
        let batch = 10_000
        var rated = 0
        try await withThrowingTaskGroup(of: Int.self) { group in
            for lane in 0..<2 {
                group.addTask { [admin] in
                    var count = 0
                    var start = lane * batch
                    while start < calls {
                        let records = (start..<min(start + batch, calls)).map { index in
                            var record = Myopenip_V1_CallRecord()
                            let day = 1 + index % 28
                            let started = CivilDate(year: month.previous.year, month: month.previous.month, day: day)!
                            record.startedAt = .init(
                                date: started.start().date.addingTimeInterval(Double(8 * 3600 + index % 36_000)))
                            record.durationSeconds = UInt32(5 + index % 600)
                            record.callingNumber = "+3314756\(String(format: "%04d", index % 10_000))"
                            record.calledNumber = "06\(String(format: "%08d", index))"
                            record.destination = index % 3 == 0 ? .mobile : .national
                            record.offerReference = offerReference(company: 1 + index % companies, item: 0)
                            return record
                        }
                        let answer = try await admin.billing.importCalls(batchID: "bench-\(start)", records: records)
                        count += Int(answer.rated)
                        start += 2 * batch
                    }
                    return count
                }
            }
            rated = try await group.reduce(0, +)
        }
        let importTime = clock.duration(to: .now)
        let importSeconds = Double(importTime.components.seconds) + Double(importTime.components.attoseconds) / 1e18
        print(
            "  \(calls) calls imported and rated in \(importTime): \(Int(Double(rated) / importSeconds)) calls/s "
                + "(\(rated) rated)")

        // The run, with a watcher of the daemon's health on its own connection.
        let watcher = MyOpenIPClient(unixSocketPath: child.socketPath)
        let probing = Task { () -> [UInt64] in
            var latencies: [UInt64] = []
            while !Task.isCancelled {
                let before = DispatchTime.now().uptimeNanoseconds
                _ = try? await watcher.health.check()
                latencies.append(DispatchTime.now().uptimeNanoseconds - before)
                try? await Task.sleep(for: .milliseconds(10))
            }
            return latencies
        }
        clock = .now
        let last = try await admin.billing.runToEnd(
            period: month.description, options: CallOptions(timeout: .seconds(3_600)))
        let runTime = clock.duration(to: .now)
        probing.cancel()
        let latencies = await probing.value.sorted()
        await watcher.close()
        let runSeconds = Double(runTime.components.seconds) + Double(runTime.components.attoseconds) / 1e18
        func percentile(_ fraction: Double) -> Double {
            latencies.isEmpty ? 0 : Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * fraction))]) / 1000
        }
        print(
            "  run: \(last.invoicesIssued) invoices issued with their PDFs in \(runTime): "
                + "\(Int(Double(last.invoicesIssued) / runSeconds)) invoices/s, total TTC \(Amounts.euros(last.issuedIncludingVatCents))"
        )
        print(
            "  Health/Check during the run (\(latencies.count) calls): p50 \(Int(percentile(0.5))) µs, "
                + "p99 \(Int(percentile(0.99))) µs, max \(Int(percentile(1))) µs")
        let sample = try await admin.billing.list(pageSize: 1).invoices.first
        if let sample {
            let pdf = try await admin.billing.document(number: sample.number)
            print("  \(sample.number): \(sample.lines.count) lines, PDF \(pdf.content.count / 1024) KiB")
        }
        let size =
            (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("myopenip.sqlite").path)[.size]
                as? Int) ?? 0
        print("  daemon peak RSS \(child.peakResidentKiB() / 1024) MiB; database \(size / 1_048_576) MiB")
        await admin.close()
        guard last.invoicesIssued == companies else {
            throw Failure(description: "\(last.invoicesIssued) invoices for \(companies) companies")
        }
    }

    /// `count` client companies created through the API, 16 at a time: « Société 1 »…, each with
    /// its head office in Paris.
    static func createCompanies(_ admin: MyOpenIPClient, count companies: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<16 {
                group.addTask { [admin] in
                    var index = 1 + lane
                    while index <= companies {
                        var request = Myopenip_V1_CreateCompanyRequest()
                        request.kind = .client
                        request.name = "Société \(index)"
                        request.siren = Siren.completing(String(20_000_000 + index))!.description
                        request.legalStatus = "SAS"
                        request.mails.administrative = "comptabilite@societe-\(index).fr"
                        request.headOfficeAddress.street = "\(index) rue de la Paix"
                        request.headOfficeAddress.postcode = "75002"
                        request.headOfficeAddress.city = "Paris"
                        _ = try await admin.companies.create(request)
                        index += 16
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static func offerReference(company: Int, item: Int) -> String {
        BusinessReference(.contractedOffer, sequence: Int64((company - 1) * 3 + item + 1)).description
    }

    /// Writes one order of three delivered offers a company, as placing and delivering them would.
    static func seed(folder: URL, companies: Int, cgv: Int64, delivered: CivilDate) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("myopenip.sqlite").path, configuration: configuration)
        let at = delivered.start().milliseconds + 9 * 3_600_000
        try queue.write { db in
            let sites = try GRDB.Row.fetchAll(db, sql: "SELECT company_id, id, city FROM site WHERE is_head_office = 1")
            let headOffice = Dictionary(uniqueKeysWithValues: sites.map { ($0["company_id"] as Int64, $0["id"] as Int64) })
            let quote = try db.makeStatement(
                sql: """
                    INSERT INTO quote (id, company_id, state, entered_for_client, created_at, created_by, updated_at,
                        valid_until, next_item_number)
                    VALUES (?, ?, 'accepted', 0, ?, 'bench', ?, ?, 4)
                    """)
            let order = try db.makeStatement(
                sql: """
                    INSERT INTO customer_order (id, reference, company_id, quote_id, state, cgv_version, placed_at, placed_by,
                        one_time_cents, monthly_cents, search_key, updated_at, kind)
                    VALUES (?, ?, ?, ?, 'completed', ?, ?, 'bench', ?, ?, '', ?, 'creation')
                    """)
            let offer = try db.makeStatement(
                sql: """
                    INSERT INTO contracted_offer (reference, company_id, order_id, item_number, offering_code, name, category,
                        offering, site_id, site, city, quantity, form, state, kind, delivered_at, search_key, created_at,
                        updated_at, last_order_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Paris', ?, '{}', 'active', 'creation', ?, '', ?, ?, ?)
                    """)
            for company in 1...companies {
                let id = Int64(company)
                guard let site = headOffice[id] else { throw Failure(description: "company \(company) has no head office") }
                try quote.execute(arguments: [id, id, at, at, at + 30 * 86_400_000])
                try order.execute(arguments: [
                    id, BusinessReference(.order, sequence: id).description, id, id, cgv, at,
                    offerings.reduce(0) { $0 + $1.oneTime * Int64($1.quantity) },
                    offerings.reduce(0) { $0 + $1.monthly * Int64($1.quantity) }, at,
                ])
                for (item, offering) in offerings.enumerated() {
                    let json = """
                        {"category":"\(offering.category)","code":"\(offering.code)","commitmentMonths":24,"description":"",\
                        "form":[],"monthlyPriceCents":\(offering.monthly),"name":"\(offering.name)",\
                        "needsEquipmentDelivery":false,"needsOnSiteIntervention":false,"noticeMonths":1,\
                        "oneTimePriceCents":\(offering.oneTime),"terminationFeeCents":15000}
                        """
                    let snapshot = """
                        {"city":"Paris","complement":"","country":"FR","id":\(site),"name":"Siège Social",\
                        "postcode":"75002","street":"\(company) rue de la Paix"}
                        """
                    try offer.execute(arguments: [
                        offerReference(company: company, item: item), id, id, item + 1, offering.code, offering.name,
                        offering.category, json, site, snapshot, offering.quantity, at, at, at, id,
                    ])
                }
            }
            try db.execute(
                sql: "UPDATE reference_counter SET last = ? WHERE name = 'order'", arguments: [companies])
            try db.execute(
                sql: "UPDATE reference_counter SET last = ? WHERE name = 'contracted_offer'", arguments: [companies * 3])
        }
    }
}
