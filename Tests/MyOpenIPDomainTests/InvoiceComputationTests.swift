import MyOpenIPDomain
import Testing

@Suite("Invoice of a month: subscriptions in advance, the first month prorated, terminations, fees, usage")
struct InvoiceComputationTests {
    /// A TRUNK SIP: 90.00 € HT a month, 150.00 € HT once; terminating costs 150.00 € HT.
    static func trunk(
        delivered: String?, quantity: Int = 1, billedThrough: String? = nil, oneTimeBilled: Bool = false,
        termination: BillableOffer.Termination? = nil, terminationBilled: Bool = false
    ) -> BillableOffer {
        BillableOffer(
            reference: "OC00001", name: "TRUNK SIP", quantity: quantity, monthlyUnitCents: 9_000,
            oneTimeUnitCents: 15_000, deliveredOn: delivered.flatMap(CivilDate.init),
            termination: termination, billedThrough: billedThrough.flatMap(CivilDate.init), oneTimeBilled: oneTimeBilled,
            terminationBilled: terminationBilled)
    }

    static func termination(requested: String, effective: String, fee: Int64 = 15_000, months: Int = 0)
        -> BillableOffer.Termination
    {
        .init(
            requestedOn: CivilDate(requested)!, effectiveOn: CivilDate(effective)!, feeCents: fee,
            remainingMonths: months, penaltyCents: Int64(months) * 9_000)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var offer: BillableOffer
        var month: String
        /// kind, period start, period end, amount
        var lines: [(ChargeKind, String, String, Int64)]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "not delivered: nothing", offer: trunk(delivered: nil), month: "2026-04", lines: []),
        Case(
            name: "delivered during the month billed: nothing yet", offer: trunk(delivered: "2026-04-01"),
            month: "2026-04", lines: []),
        Case(
            name: "delivered on 10 March: 22/31 of March, April in advance, the one-time charge",
            offer: trunk(delivered: "2026-03-10"), month: "2026-04",
            lines: [
                (.proratedSubscription, "2026-03-10", "2026-03-31", 6_387),
                (.subscription, "2026-04-01", "2026-04-30", 9_000),
                (.oneTime, "2026-03-10", "2026-03-10", 15_000),
            ]),
        Case(
            name: "delivered on the 1st: the first month whole, as a month",
            offer: trunk(delivered: "2026-03-01"), month: "2026-04",
            lines: [
                (.subscription, "2026-03-01", "2026-03-31", 9_000),
                (.subscription, "2026-04-01", "2026-04-30", 9_000),
                (.oneTime, "2026-03-01", "2026-03-01", 15_000),
            ]),
        Case(
            name: "delivered on the last day: one day of the month",
            offer: trunk(delivered: "2026-03-31", oneTimeBilled: true), month: "2026-04",
            lines: [
                (.proratedSubscription, "2026-03-31", "2026-03-31", 290),
                (.subscription, "2026-04-01", "2026-04-30", 9_000),
            ]),
        Case(
            name: "delivered on 29 February: 1/29, and March",
            offer: trunk(delivered: "2028-02-29", quantity: 2, oneTimeBilled: true), month: "2028-03",
            lines: [
                (.proratedSubscription, "2028-02-29", "2028-02-29", 621),
                (.subscription, "2028-03-01", "2028-03-31", 18_000),
            ]),
        Case(
            name: "billed through March: April only",
            offer: trunk(delivered: "2026-03-10", billedThrough: "2026-03-31", oneTimeBilled: true), month: "2026-04",
            lines: [(.subscription, "2026-04-01", "2026-04-30", 9_000)]),
        Case(
            name: "billed through April already: nothing",
            offer: trunk(delivered: "2026-03-10", billedThrough: "2026-04-30", oneTimeBilled: true), month: "2026-04",
            lines: []),
        Case(
            name: "a missed month is caught up",
            offer: trunk(delivered: "2026-01-05", billedThrough: "2026-02-28", oneTimeBilled: true), month: "2026-04",
            lines: [
                (.subscription, "2026-03-01", "2026-03-31", 9_000),
                (.subscription, "2026-04-01", "2026-04-30", 9_000),
            ]),
        Case(
            name: "terminated mid-month: the started month is due in full, the fee on the next invoice",
            offer: trunk(
                delivered: "2023-01-10", billedThrough: "2026-05-31", oneTimeBilled: true,
                termination: termination(requested: "2026-05-10", effective: "2026-06-15")),
            month: "2026-06",
            lines: [
                (.subscription, "2026-06-01", "2026-06-30", 9_000),
                (.terminationFee, "2026-06-15", "2026-06-15", 15_000),
            ]),
        Case(
            name: "after the effective month: nothing more, the fee billed once",
            offer: trunk(
                delivered: "2023-01-10", billedThrough: "2026-06-30", oneTimeBilled: true,
                termination: termination(requested: "2026-05-10", effective: "2026-06-15"), terminationBilled: true),
            month: "2026-07", lines: []),
        Case(
            name: "in commitment: the penalties with the fee, before the effective date",
            offer: trunk(
                delivered: "2026-03-10", billedThrough: "2026-12-31", oneTimeBilled: true,
                termination: termination(requested: "2026-12-03", effective: "2027-01-03", months: 14)),
            month: "2027-01",
            lines: [
                (.subscription, "2027-01-01", "2027-01-31", 9_000),
                (.terminationFee, "2027-01-03", "2027-01-03", 15_000),
                (.terminationPenalty, "2027-02-01", "2028-03-31", 126_000),
            ]),
        Case(
            name: "terminated in its delivery month: that month prorated from delivery, nothing after",
            offer: trunk(
                delivered: "2026-03-10",
                termination: termination(requested: "2026-03-12", effective: "2026-03-20", fee: 0)),
            month: "2026-04",
            lines: [
                (.proratedSubscription, "2026-03-10", "2026-03-31", 6_387),
                (.oneTime, "2026-03-10", "2026-03-10", 15_000),
            ]),
        Case(
            name: "a termination confirmed on the invoice's day waits for the next invoice",
            offer: trunk(
                delivered: "2023-01-10", billedThrough: "2026-05-31", oneTimeBilled: true,
                termination: termination(requested: "2026-06-01", effective: "2026-07-15")),
            month: "2026-06", lines: [(.subscription, "2026-06-01", "2026-06-30", 9_000)]),
    ]

    @Test(arguments: cases)
    func lines(_ row: Case) throws {
        let month = try #require(BillingMonth(row.month))
        let lines = InvoiceComputation.lines(for: month, offers: [row.offer], usage: [])
        let got = lines.map { ($0.kind, $0.periodStart.description, $0.periodEnd.description, $0.amountCents) }
        #expect(got.count == row.lines.count)
        for (actual, expected) in zip(got, row.lines) {
            #expect(actual.0 == expected.0)
            #expect(actual.1 == expected.1)
            #expect(actual.2 == expected.2)
            #expect(actual.3 == expected.3)
        }
    }

    @Test("the guide's example on an invoice line: 21.29 € HT, with its designation")
    func guideExample() throws {
        let offer = BillableOffer(
            reference: "OC00007", name: "FIBRE OPTIQUE ENTREPRISE", quantity: 1, monthlyUnitCents: 3_000,
            oneTimeUnitCents: 0, deliveredOn: CivilDate("2026-03-10"))
        let lines = InvoiceComputation.lines(for: BillingMonth("2026-04")!, offers: [offer], usage: [])
        #expect(lines.first?.amountCents == 2_129)
        #expect(
            lines.first?.description
                == "FIBRE OPTIQUE ENTREPRISE (OC00007) : abonnement du 10/03/2026 au 31/03/2026, prorata de 22/31 jours")
        #expect(lines.map(\.kind) == [.proratedSubscription, .subscription])  // no one-time charge at 0
    }

    @Test("usage of earlier months is billed with its offer; usage of the month billed waits")
    func usage() throws {
        let offer = Self.trunk(delivered: "2026-01-05", billedThrough: "2026-03-31", oneTimeBilled: true)
        let march = UsageCharge(
            offerReference: "OC00001", offerName: "TRUNK SIP", month: BillingMonth("2026-03")!, destination: .mobile,
            calls: 3, billedSeconds: 245, millicents: 24_500)
        var april = march
        april.month = BillingMonth("2026-04")!
        let lines = InvoiceComputation.lines(for: BillingMonth("2026-04")!, offers: [offer], usage: [march, april])
        #expect(lines.map(\.kind) == [.subscription, .usage])
        #expect(lines[1].amountCents == 25)
        #expect(lines[1].description == "TRUNK SIP (OC00001) : consommations mars 2026, mobiles France, 3 appels, 4 min 05 s")
        #expect(lines[1].periodStart.description == "2026-03-01" && lines[1].periodEnd.description == "2026-03-31")
    }
}

@Suite("Invoice totals: VAT once per rate, half up")
struct InvoiceTotalsTests {
    static func line(_ cents: Int64, rate: Int64 = 2000) -> InvoiceLine {
        InvoiceLine(
            kind: .subscription, offerReference: "OC1", description: "x", periodStart: CivilDate("2026-03-01")!,
            periodEnd: CivilDate("2026-03-31")!, quantity: 1, unitPriceCents: cents, amountCents: cents,
            vatRateBasisPoints: rate)
    }

    @Test func perRate() {
        let totals = InvoiceTotals(lines: [Self.line(2_129), Self.line(9_000), Self.line(1_003, rate: 550)])
        #expect(totals.breakdown.map(\.rateBasisPoints) == [2000, 550])
        #expect(totals.breakdown[0].baseCents == 11_129)
        #expect(totals.breakdown[0].vatCents == 2_226)  // 2,225.8
        #expect(totals.breakdown[1].vatCents == 55)  // 55.165
        #expect(totals.excludingVATCents == 12_132)
        #expect(totals.vatCents == 2_281)
        #expect(totals.includingVATCents == 14_413)
    }

    @Test func empty() {
        let totals = InvoiceTotals(lines: [])
        #expect(totals.breakdown.isEmpty && totals.includingVATCents == 0)
    }
}
