import MyOpenIPDomain
import Testing

@Suite("Billing documents: numbers, months, payment terms, states, credit notes, call rates")
struct BillingDocumentTests {
    @Test("numbers are a prefix, the year and six digits, and read back the same")
    func numbers() throws {
        #expect(DocumentNumber(series: .invoice, year: 2026, sequence: 1).description == "F2026-000001")
        #expect(DocumentNumber(series: .creditNote, year: 2027, sequence: 42).description == "A2027-000042")
        #expect(DocumentNumber(series: .invoice, year: 2026, sequence: 1_234_567).description == "F2026-1234567")
        for text in ["F2026-000001", "A2026-000123", "F2026-1234567"] {
            #expect(DocumentNumber(text)?.description == text)
        }
        for text in ["F2026-1", "X2026-000001", "F26-000001", "F2026-0000001", "F2026-000000", "F2026_000001", ""] {
            #expect(DocumentNumber(text) == nil, "\(text)")
        }
        let number = DocumentNumber(series: .invoice, year: 9999, sequence: Int64.max).description
        #expect(number.count <= 35)
    }

    @Test("a month reads as YYYY-MM and knows its days")
    func months() throws {
        let february = try #require(BillingMonth("2028-02"))
        #expect(february.days == 29 && february.last.description == "2028-02-29")
        #expect(february.next.description == "2028-03" && february.previous.description == "2028-01")
        #expect(BillingMonth("2026-12")!.next.description == "2027-01")
        #expect(BillingMonth("2026-03")!.french == "mars 2026")
        for text in ["2026-13", "2026-00", "2026-3", "26-03", "2026/03", "２０２６-03"] { #expect(BillingMonth(text) == nil) }
    }

    @Test("payment is due 30 days after issue by default, 45 at most; the mentions are printed")
    func paymentTerms() throws {
        let terms = try PaymentTerms()
        #expect(terms.dueDate(issuedOn: CivilDate("2026-04-01")!).description == "2026-05-01")
        #expect(try PaymentTerms(days: 45).dueDate(issuedOn: CivilDate("2028-02-01")!).description == "2028-03-17")
        #expect(throws: BillingViolation.paymentTermsTooLong) { try PaymentTerms(days: 46) }
        #expect(throws: BillingViolation.paymentTermsTooLong) { try PaymentTerms(days: -1) }
        #expect(terms.mentions.contains { $0.contains("40 €") })
        #expect(terms.mentions.contains { $0.hasPrefix("Pénalités de retard") })
        #expect(terms.mentions.contains("Escompte : Pas d'escompte pour paiement anticipé."))
    }

    @Test("days count across months and years")
    func days() {
        #expect(CivilDate("2026-12-31")!.adding(days: 1).description == "2027-01-01")
        #expect(CivilDate("2028-02-28")!.adding(days: 1).description == "2028-02-29")
        #expect(CivilDate("2026-03-01")!.adding(days: -1).description == "2026-02-28")
        #expect(CivilDate("1970-01-01")!.adding(days: 0).daysSinceEpoch == 0)
        #expect(CivilDate("2000-03-01")!.adding(days: 10_000).description == "2027-07-18")
    }

    @Test("an invoice is settled once paid in full, partly paid before")
    func states() {
        #expect(InvoiceState.settling(dueCents: 1_000, paidCents: 0, sent: false) == .issued)
        #expect(InvoiceState.settling(dueCents: 1_000, paidCents: 0, sent: true) == .sent)
        #expect(InvoiceState.settling(dueCents: 1_000, paidCents: 1, sent: true) == .partiallyPaid)
        #expect(InvoiceState.settling(dueCents: 1_000, paidCents: 1_000, sent: false) == .settled)
        #expect(InvoiceState.settling(dueCents: 0, paidCents: 0, sent: false) == .settled)
        #expect(InvoiceState.partiallyPaid.tmfName == "partiallyPaid")
    }

    static let lines = (1...3).map { index in
        InvoiceLine(
            kind: .subscription, offerReference: "OC0000\(index)", description: "ligne \(index)",
            periodStart: CivilDate("2026-04-01")!, periodEnd: CivilDate("2026-04-30")!, quantity: 1,
            unitPriceCents: Int64(index) * 1_000, amountCents: Int64(index) * 1_000)
    }

    @Test("a credit note takes all the lines not credited yet, or those named, each once")
    func creditNotes() throws {
        #expect(try CreditNoteSelection.lines(of: Self.lines, selected: [], credited: [:]).map(\.number) == [1, 2, 3])
        #expect(try CreditNoteSelection.lines(of: Self.lines, selected: [3, 2, 3], credited: [:]).map(\.number) == [2, 3])
        #expect(
            try CreditNoteSelection.lines(of: Self.lines, selected: [], credited: [2: "A2026-000001"]).map(\.number) == [1, 3])
        #expect(throws: BillingViolation.lineAlreadyCredited(2, by: "A2026-000001")) {
            try CreditNoteSelection.lines(of: Self.lines, selected: [1, 2], credited: [2: "A2026-000001"])
        }
        #expect(throws: BillingViolation.unknownLine(4)) {
            try CreditNoteSelection.lines(of: Self.lines, selected: [4], credited: [:])
        }
        #expect(throws: BillingViolation.unknownLine(0)) {
            try CreditNoteSelection.lines(of: Self.lines, selected: [0], credited: [:])
        }
        let all = [1: "A2026-000001", 2: "A2026-000001", 3: "A2026-000002"]
        #expect(throws: BillingViolation.lineAlreadyCredited(1, by: "A2026-000001")) {
            try CreditNoteSelection.lines(of: Self.lines, selected: [], credited: all)
        }
    }

    @Test("calls: unanswered free, an indivisible first minute, then by the second, rounded once per line")
    func callRates() {
        let mobile = RateTable.standard.rate(for: .mobile)!
        #expect(mobile.price(0) == 0)
        #expect(mobile.price(1) == 6_000)  // one minute
        #expect(mobile.price(60) == 6_000)
        #expect(mobile.price(61) == 6_100)
        #expect(mobile.price(125) == 12_500)
        let special = RateTable.standard.rate(for: .special)!
        #expect(special.price(30) == 8_000 + 9_000)
        let national = RateTable.standard.rate(for: .national)!
        #expect(national.price(61) == 1_525)  // 1,525 millicents: 61 s at 1.5 c a minute
        #expect(national.price(77) == 1_925)
        #expect(RateTable.standard.rate(for: .onNet)!.price(3_600) == 0)
        let odd = CallRate(perMinuteMillicents: 1_000, firstMinuteIndivisible: false)
        #expect(odd.price(1) == 17)  // 16.67 rounds half up to 17
        let usage = UsageCharge(
            offerReference: "OC1", offerName: "TRUNK SIP", month: BillingMonth("2026-03")!, destination: .national,
            calls: 2, billedSeconds: 138, millicents: 1_525 + 1_925)
        #expect(usage.amountCents == 3)  // 3.45 cents
    }
}
