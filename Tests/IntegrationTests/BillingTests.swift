import Foundation
import MyOpenIPClient
import MyOpenIPDomain
import Testing

typealias ChargeKindProto = Myopenip_V1_ChargeKind

@Suite("Billing: monthly runs, the prorated first invoice, terminations, credit notes and payments")
struct BillingTests {
    /// Moves the daemon's clock to the first day of the month after `day` (noon, Paris).
    static func moveClock(_ daemon: TestDaemon, toFirstOfMonthAfter day: CivilDate) -> CivilDate {
        let target = day.firstOfNextMonth
        let noon = target.start().milliseconds + 12 * 3_600_000
        daemon.clock.advance(by: .milliseconds(noon - daemon.clock.timestamp().milliseconds))
        return target
    }

    @Test("the whole story: delivered, a prorated first invoice, run twice, read by the client, terminated, corrected, paid")
    func wholeStory() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let admin = daemon.operatorClient()
            try await admin.catalogue.create(OrderingFixture.trunkSIP)
            let user = try await world.clientUser(daemon)

            // A TRUNK SIP (90.00 € HT a month, 150.00 € once) ordered and delivered today.
            let quote = try await world.singleQuote(by: user)
            _ = try await user.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion)
            try await admin.delivery.advance(order: "COM00001", to: .inProgress)
            let delivered = CivilDate(daemon.clock.timestamp())
            try await admin.delivery.advance(offer: "OC00001", to: .active, deliveredOn: delivered.description)
            let deliveryMonth = BillingMonth(containing: delivered)

            // Nothing is due for the month of the delivery: it is billed with the next one.
            let now = try await admin.billing.runToEnd(period: deliveryMonth.description)
            #expect(now.finished && now.companiesTotal == 1 && now.nothingDue == 1 && now.invoicesIssued == 0)

            // « What will I pay? »: the client's dry run of the next month, stored nowhere.
            let next = deliveryMonth.next
            let preview = try await user.billing.dryRun(companyReference: OrderingFixture.client)
            #expect(preview.period == next.description)
            let prorated = Proration.amount(monthlyCents: 9_000, from: delivered)
            let firstKind: ChargeKindProto = delivered.day == 1 ? .subscription : .proratedSubscription
            #expect(preview.lines.map(\.kind) == [firstKind, .subscription, .oneTime])
            #expect(preview.lines.map(\.amountCents) == [prorated, 9_000, 15_000])
            #expect(preview.excludingVatCents == prorated + 24_000)
            #expect(try await admin.billing.list().invoices.isEmpty)

            // The voice platform sends its calls; they are billed with the next month.
            func call(_ seconds: UInt32, _ destination: Myopenip_V1_DestinationClass, offer: String = "OC00001")
                -> Myopenip_V1_CallRecord
            {
                var record = Myopenip_V1_CallRecord()
                record.startedAt = .init(date: daemon.clock.timestamp().date)
                record.durationSeconds = seconds
                record.callingNumber = "+33147560000"
                record.calledNumber = "0611223344"
                record.destination = destination
                record.offerReference = offer
                return record
            }
            let calls = [call(125, .mobile), call(61, .national), call(30, .mobile, offer: "OC09999")]
            let imported = try await admin.billing.importCalls(batchID: "mediation-1", records: calls)
            #expect(imported.imported == 3 && imported.rated == 2 && imported.unrated.map(\.index) == [2])
            #expect(imported.unrated.first?.reason.contains("OC09999") == true)
            let replayed = try await admin.billing.importCalls(batchID: "mediation-1", records: calls)
            #expect(replayed.alreadyImported && replayed.imported == 3)
            #expect(try await user.billing.calls().records.count == 2, "the unknown offer's call is nobody's")
            #expect(try await admin.billing.calls(unratedOnly: true).records.map(\.offerReference) == ["OC09999"])
            let badCall = await rpcError {
                try await admin.billing.importCalls(batchID: "mediation-2", records: [call(10, .unspecified)])
            }
            #expect(badCall?.code == .invalidArgument && badCall?.field == "records[0].destination")

            // A month that has not begun is not billed yet.
            let early = await rpcError { try await admin.billing.runToEnd(period: next.description) }
            #expect(early?.code == .failedPrecondition && early?.reason == "BILLING_PERIOD_NOT_STARTED")

            // On the 1st, the operator runs the month: the first invoice.
            let first = Self.moveClock(daemon, toFirstOfMonthAfter: delivered)
            let run = try await admin.billing.runToEnd(period: next.description)
            #expect(run.invoicesIssued == 1 && run.lastCompanyReference == OrderingFixture.client)
            let number = "F\(first.year)-000001"
            let invoice = try await admin.billing.get(number: number)
            #expect(Array(invoice.lines.prefix(3)).map(\.amountCents) == preview.lines.map(\.amountCents))
            // Usage: 61 s to a fixed line at 1.5 c a minute, 125 s to a mobile at 6 c, rounded once a line.
            #expect(invoice.lines.dropFirst(3).map(\.kind) == [.usage, .usage])
            #expect(invoice.lines.dropFirst(3).map(\.amountCents) == [2, 13])
            #expect(try await admin.billing.calls(invoiceNumber: number).records.count == 2)
            #expect(invoice.issueDate == first.description && invoice.period == next.description)
            #expect(invoice.dueDate == first.adding(days: 30).description)
            #expect(invoice.stateLabel == "Émise" && invoice.outstandingCents == invoice.includingVatCents)
            if delivered.day > 1 {
                #expect(
                    invoice.lines[0].description_p
                        == "TRUNK SIP (OC00001) : abonnement du \(delivered.french) au \(deliveryMonth.last.french), "
                        + "prorata de \(Proration.daysUsed(from: delivered))/\(deliveryMonth.days) jours")
            }
            #expect(invoice.legalMentions.contains { $0.contains("40 €") })
            #expect(invoice.buyer.siren == testSiren(2) && invoice.seller.vatNumber.hasPrefix("FR"))
            #expect(invoice.vat.map(\.rateBasisPoints) == [2000])
            #expect(invoice.vatCents == Amounts(excludingVATCents: invoice.excludingVatCents).vatCents)

            // Running the month again creates nothing new.
            let again = try await admin.billing.runToEnd(period: next.description)
            #expect(again.alreadyIssued == 1 && again.invoicesIssued == 0)
            #expect(try await admin.billing.list().invoices.map(\.number) == [number])

            // The client reads its invoice and its Factur-X XML; another tenant cannot.
            let reader = try await world.clientUser(daemon)
            #expect(try await reader.billing.list().invoices.map(\.number) == [number])
            let document = try await reader.billing.document(number: number, format: .xml)
            #expect(document.fileName == "factur-x.xml")
            let checked = try await FacturXDocumentTests.check(
                String(decoding: document.content, as: UTF8.self), name: "issued.xml")
            #expect(checked.status == 0, "\(checked.standardOutput)\(checked.standardError)")
            let detail = try await reader.billing.document(number: number, format: .callDetail)
            let rows = String(decoding: detail.content, as: UTF8.self).split(separator: "\r\n")
            #expect(rows.count == 3 && rows[0].hasPrefix("date;heure;durée (s);appelant;appelé"))
            #expect(rows[1].hasSuffix(";125;0,125") && rows[2].hasSuffix(";61;0,015"), "\(rows)")
            // The PDF was made with the run; downloading it again gives the same bytes.
            let pdf = try await reader.billing.document(number: number)
            #expect(pdf.fileName == "\(number).pdf" && pdf.mediaType == "application/pdf")
            #expect(try await reader.billing.document(number: number).content == pdf.content)
            let pdfChecked = try await FacturXDocumentTests.checkPDF(
                Array(pdf.content),
                phrases: [number, "FACTURE", "Ma Société", "Indemnité forfaitaire pour frais de recouvrement", "Échéance"])
            #expect(pdfChecked.status == 0, "\(pdfChecked.standardOutput)\(pdfChecked.standardError)")
            let stranger = try await daemon.loggedIn(
                try await Self.administrator(of: OrderingFixture.otherClient, daemon: daemon))
            try await stranger.terms.accept(version: 1)
            #expect(await rpcError { try await stranger.billing.get(number: number) }?.code == .notFound)
            #expect(try await stranger.billing.list().invoices.isEmpty)
            #expect(try await stranger.billing.calls().records.isEmpty)
            #expect(
                await rpcError { try await stranger.billing.document(number: number, format: .callDetail) }?.code
                    == .notFound)
            #expect(
                await rpcError { try await stranger.billing.list(companyReference: OrderingFixture.client) }?.code
                    == .notFound)
            #expect(
                await rpcError { try await stranger.billing.dryRun(companyReference: OrderingFixture.client) }?.code
                    == .notFound)

            // The client terminates: the fee and the committed months left come on the next invoice.
            let terms = try await reader.orders.dryRunTermination(offer: "OC00001")
            _ = try await reader.orders.terminate(terms)
            let second = Self.moveClock(daemon, toFirstOfMonthAfter: first)
            let secondRun = try await admin.billing.runToEnd(period: BillingMonth(containing: second).description)
            #expect(secondRun.invoicesIssued == 1)
            let last = try await admin.billing.get(number: "F\(second.year)-\(second.year == first.year ? "000002" : "000001")")
            #expect(last.lines.map(\.kind) == [.subscription, .terminationFee, .terminationPenalty])
            #expect(last.lines[1].amountCents == 15_000 && last.lines[2].amountCents == terms.penaltyCents)

            // A credit note for the one-time charge of the first invoice, cited by number and date.
            let note = try await admin.billing.creditNote(invoiceNumber: number, lines: [3], reason: "Geste commercial")
            #expect(note.number == "A\(second.year)-000001" && note.seriesLabel == "Avoir")
            #expect(note.correctsNumber == number && note.correctsIssueDate == first.description)
            #expect(note.includingVatCents == 18_000 && note.lines.map(\.amountCents) == [15_000])
            let noteXML = try await admin.billing.document(number: note.number, format: .xml)
            let noteChecked = try await FacturXDocumentTests.check(
                String(decoding: noteXML.content, as: UTF8.self), name: "credit-note.xml")
            #expect(noteChecked.status == 0, "\(noteChecked.standardOutput)\(noteChecked.standardError)")
            let notePDF = try await admin.billing.document(number: note.number)
            let notePDFChecked = try await FacturXDocumentTests.checkPDF(
                Array(notePDF.content), phrases: ["AVOIR", note.number, "Avoir sur la facture n° \(number) du \(first.french)"])
            #expect(notePDFChecked.status == 0, "\(notePDFChecked.standardOutput)\(notePDFChecked.standardError)")
            let twice = await rpcError {
                try await admin.billing.creditNote(invoiceNumber: number, lines: [3], reason: "Encore")
            }
            #expect(twice?.code == .failedPrecondition && twice?.reason == "INVOICE_LINE_ALREADY_CREDITED")
            let corrected = try await admin.billing.get(number: number)
            #expect(corrected.creditNotes == [note.number] && corrected.lines[2].creditedBy == note.number)
            #expect(corrected.lines.map(\.amountCents) == invoice.lines.map(\.amountCents))  // never changes
            #expect(corrected.outstandingCents == invoice.includingVatCents - 18_000)

            // Payments: partly, then the rest; no more than is due.
            let part = try await admin.billing.recordPayment(invoiceNumber: number, amountCents: 1_000, reference: "VIR-1")
            #expect(part.state == .partiallyPaid && part.stateLabel == "Partiellement réglée")
            let tooMuch = await rpcError {
                try await admin.billing.recordPayment(invoiceNumber: number, amountCents: part.outstandingCents + 1)
            }
            #expect(tooMuch?.reason == "PAYMENT_EXCEEDS_BALANCE" && tooMuch?.field == "amount_cents")
            let paid = try await admin.billing.recordPayment(
                invoiceNumber: number, amountCents: part.outstandingCents, reference: "VIR-2")
            #expect(paid.state == .settled && paid.outstandingCents == 0 && paid.payments.count == 2)
            let settled = await rpcError { try await admin.billing.recordPayment(invoiceNumber: number, amountCents: 1) }
            #expect(settled?.reason == "INVOICE_SETTLED")

            // Bad input is refused naming the field.
            for (period, field) in [("2026-13", "period"), ("avril", "period")] {
                let error = await rpcError { try await admin.billing.runToEnd(period: period) }
                #expect(error?.code == .invalidArgument && error?.field == field, "\(period)")
            }
            let badNumber = await rpcError { try await admin.billing.get(number: "F2026-1") }
            #expect(badNumber?.code == .invalidArgument && badNumber?.field == "number")
            let unknown = await rpcError { try await admin.billing.get(number: "F1999-000001") }
            #expect(unknown?.code == .notFound && unknown?.reason == "INVOICE_NOT_FOUND")
            for client in [user, reader, stranger] { await client.close() }
            await admin.close()
        }
    }

    @Test("concurrent runs of one month issue each invoice once, with gapless numbers")
    func concurrentRuns() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let admin = daemon.operatorClient()
            try await admin.catalogue.create(OrderingFixture.trunkSIP)
            let user = try await world.clientUser(daemon)
            for _ in 0..<3 {
                let quote = try await world.singleQuote(by: user)
                let order = try await user.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion)
                try await admin.delivery.advance(order: order.reference, to: .inProgress)
                for item in order.items {
                    try await admin.delivery.advance(offer: item.contractedOfferReference, to: .active)
                }
            }
            let first = Self.moveClock(daemon, toFirstOfMonthAfter: CivilDate(daemon.clock.timestamp()))
            let period = BillingMonth(containing: first).description
            let outcomes = try await withThrowingTaskGroup(of: Myopenip_V1_InvoiceRunProgress.self) { group in
                for _ in 0..<4 { group.addTask { try await admin.billing.runToEnd(period: period) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.map(\.invoicesIssued).reduce(0, +) == 1)
            #expect(outcomes.map(\.alreadyIssued).reduce(0, +) == 3)
            let invoices = try await admin.billing.list().invoices
            #expect(invoices.map(\.number) == ["F\(first.year)-000001"])
            #expect(invoices.first?.lines.count == 9)  // three trunks: prorated, month, one-time each
            await user.close()
            await admin.close()
        }
    }

    /// An administrator of `company`, signed in.
    static func administrator(of company: String, daemon: TestDaemon) async throws -> String {
        let admin = daemon.operatorClient()
        defer { Task { await admin.close() } }
        let main = try #require(try await admin.rights.templates().mainRights.first { $0.main == "administrator" }).id
        let login = try await daemon.createActiveUser(company: company)
        try await admin.rights.setUserRights(login: login, rightIDs: [main])
        return login
    }
}
