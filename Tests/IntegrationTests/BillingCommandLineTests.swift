import Foundation
import MyOpenIPClient
import MyOpenIPDomain
import Testing

@Suite(
    "Billing from the command line: runs, invoices, credit notes, payments",
    .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct BillingCommandLineTests {
    @Test("operator staff run the month and correct; the client sees its invoice and downloads its Factur-X XML")
    func runShowCorrectPay() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let admin = daemon.operatorClient()
            try await admin.catalogue.create(OrderingFixture.trunkSIP)
            let user = try await world.clientUser(daemon)
            _ = try await user.quotes.place(quoteID: try await world.singleQuote(by: user).id, cgvVersion: world.cgvVersion)
            try await admin.delivery.advance(order: "COM00001", to: .inProgress)
            try await admin.delivery.advance(offer: "OC00001", to: .active)
            // The month's calls, from the voice platform's CSV file; a second import adds nothing.
            let today = CivilDate(daemon.clock.timestamp())
            let csv = daemon.folder + "/calls.csv"
            try Data(
                """
                started_at,duration_seconds,calling,called,destination,offer
                \(today)T09:15:00Z,125,+33147560000,0611223344,mobile,OC00001
                \(today)T09:20:00Z,42,+33147560000,0147560001,national,OC09999

                """.utf8
            ).write(to: URL(fileURLWithPath: csv))
            let imported = try await Executables.run("myopenipctl", ["cdr", "import", csv, "--socket", daemon.socketPath])
            #expect(imported.status == 0, "\(imported.standardError)")
            #expect(imported.standardOutput.contains("2 appels importés, 1 valorisés, 1 non valorisés"))
            #expect(imported.standardOutput.contains("ligne 2 : offre contractée inconnue : OC09999"))
            let twice = try await Executables.run("myopenipctl", ["cdr", "import", csv, "--socket", daemon.socketPath])
            #expect(twice.standardOutput.contains("déjà importé"), "\(twice.standardOutput)")
            let malformed = try await Executables.run(
                "myopenipctl", ["cdr", "import", "/dev/null/none", "--socket", daemon.socketPath])
            #expect(malformed.status == 64)
            let first = BillingTests.moveClock(daemon, toFirstOfMonthAfter: today)
            let period = BillingMonth(containing: first).description
            let number = "F\(first.year)-000001"
            func asOperator(_ arguments: [String]) async throws -> Executables.Outcome {
                try await Executables.run("myopenipctl", arguments + ["--socket", daemon.socketPath])
            }

            let dry = try await asOperator(["invoice", "dry-run", OrderingFixture.client, "--period", period])
            #expect(dry.status == 0 && dry.standardOutput.contains("frais de mise en service"), "\(dry.standardError)")
            #expect(dry.standardOutput.contains("total TTC"))
            let run = try await asOperator(["invoice", "run", period])
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.contains("1/1 sociétés, 1 émises, 0 déjà émises"), "\(run.standardOutput)")
            let again = try await asOperator(["invoice", "run", period, "--json"])
            #expect(again.standardOutput.contains(#""already_issued":1"#) && again.standardOutput.contains(#""finished":true"#))
            let invoices = try await asOperator(["invoice", "list"])
            #expect(invoices.standardOutput.contains(number) && invoices.standardOutput.contains("Émise"))
            let show = try await asOperator(["invoice", "show", number])
            #expect(show.standardOutput.contains("Indemnité forfaitaire pour frais de recouvrement"))
            #expect(show.standardOutput.contains("TVA 20 %"))

            // The client, with its own session, downloads the XML.
            let reader = try await world.clientUser(daemon)
            let token = try #require(reader.sessionToken)
            let file = daemon.folder + "/invoice.xml"
            let download = try await Executables.run(
                "myopenipctl",
                [
                    "invoice", "download", number, "--xml", "--out", file, "--address", "127.0.0.1:\(daemon.tcpPort)", "--token",
                    token,
                ],
                environment: ["MYOPENIP_TOKEN": ""])
            #expect(download.status == 0, "\(download.standardError)")
            let xml = try String(contentsOfFile: file, encoding: .utf8)
            #expect(xml.contains("<ram:ID>\(number)</ram:ID>"))
            let pdfFile = daemon.folder + "/\(number).pdf"
            let pdf = try await asOperator(["invoice", "download", number, "--out", pdfFile])
            #expect(pdf.status == 0 && pdf.standardOutput.contains(pdfFile), "\(pdf.standardError)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: pdfFile)).starts(with: Array("%PDF-".utf8)))

            let detail = try await asOperator([
                "invoice", "download", number, "--calls", "--out", daemon.folder + "/calls-billed.csv",
            ])
            #expect(detail.status == 0, "\(detail.standardError)")
            let billed = try String(contentsOfFile: daemon.folder + "/calls-billed.csv", encoding: .utf8)
            #expect(billed.contains("mobiles France;OC00001;125;0,125") && !billed.contains("OC09999"))
            let list = try await asOperator(["cdr", "list", "--unrated"])
            #expect(list.standardOutput.contains("non valorisé : offre contractée inconnue"))
            let note = try await asOperator(["credit-note", "create", number, "--line", "3", "--reason", "Geste commercial"])
            #expect(note.status == 0 && note.standardOutput.contains("A\(first.year)-000001"), "\(note.standardError)")
            #expect(note.standardOutput.contains("Avoir sur la facture n° \(number) du \(first.french)"))
            let notes = try await asOperator(["credit-note", "list", "--json"])
            #expect(notes.standardOutput.contains("A\(first.year)-000001"))
            let bad = try await asOperator(["payment", "record", number, "--amount", "12.345"])
            #expect(bad.status == 64)
            let paid = try await asOperator(["payment", "record", number, "--amount", "10", "--reference", "VIR-1"])
            #expect(paid.status == 0 && paid.standardOutput.contains("Partiellement réglée"), "\(paid.standardError)")
            let refused = try await asOperator(["payment", "record", number, "--amount", "99999"])
            #expect(refused.status == 1 && refused.standardError.contains("PAYMENT_EXCEEDS_BALANCE"))
            await reader.close()
            await user.close()
            await admin.close()
        }
    }
}
