import MyOpenIPDomain
import Testing

@Suite("Termination: notice, effective date, fee and penalties in integer cents")
struct TerminationTermsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var delivered: String?
        var commitment = 24
        var notice = 1
        var requested: String
        var desired: String
        var effective: String
        var remainingMonths: Int
        var penaltyCents: Int64

        var testDescription: String { name }
    }

    /// A TRUNK SIP: 90.00 € HT a month, 150.00 € HT to terminate.
    static let monthly: Int64 = 9_000
    static let fee: Int64 = 15_000

    static let cases: [Case] = [
        Case(
            name: "commitment ended: no penalty", delivered: "2023-01-10", requested: "2026-12-03",
            desired: "2027-01-15", effective: "2027-01-15", remainingMonths: 0, penaltyCents: 0),
        Case(
            name: "in commitment: the committed months after the effective month, a started month in full",
            delivered: "2026-03-10", requested: "2026-12-03", desired: "2026-12-03", effective: "2027-01-03",
            remainingMonths: 14, penaltyCents: 126_000),
        Case(
            name: "desired date before the notice: the notice wins", delivered: "2023-01-10", requested: "2026-12-03",
            desired: "2026-12-20", effective: "2027-01-03", remainingMonths: 0, penaltyCents: 0),
        Case(
            name: "desired date after the notice: the desired date", delivered: "2026-01-01", commitment: 12,
            requested: "2026-03-15", desired: "2026-06-30", effective: "2026-06-30", remainingMonths: 6,
            penaltyCents: 54_000),
        Case(
            name: "end of month: 31 January plus one month is 28 February", delivered: "2020-05-05",
            requested: "2027-01-31", desired: "2027-01-31", effective: "2027-02-28", remainingMonths: 0, penaltyCents: 0),
        Case(
            name: "29 February: a leap year keeps it", delivered: "2020-05-05", requested: "2028-01-29",
            desired: "2028-01-29", effective: "2028-02-29", remainingMonths: 0, penaltyCents: 0),
        Case(
            name: "29 February: a commitment from it ends on 28 February", delivered: "2024-02-29", commitment: 12,
            requested: "2024-06-10", desired: "2024-06-10", effective: "2024-07-10", remainingMonths: 7,
            penaltyCents: 63_000),
        Case(
            name: "commitment ends on the first day after the effective month: nothing left", delivered: "2026-01-01",
            commitment: 12, requested: "2026-11-15", desired: "2026-12-15", effective: "2026-12-15", remainingMonths: 0,
            penaltyCents: 0),
        Case(
            name: "one committed month left", delivered: "2026-01-01", commitment: 12, requested: "2026-10-15",
            desired: "2026-11-15", effective: "2026-11-15", remainingMonths: 1, penaltyCents: 9_000),
        Case(
            name: "a three-month notice", delivered: "2020-01-01", notice: 3, requested: "2026-11-30",
            desired: "2026-12-01", effective: "2027-02-28", remainingMonths: 0, penaltyCents: 0),
        Case(
            name: "never delivered: nothing committed yet", delivered: nil, requested: "2026-12-03", desired: "2026-12-03",
            effective: "2027-01-03", remainingMonths: 0, penaltyCents: 0),
    ]

    @Test("the guide's rules", arguments: cases)
    func rules(_ rule: Case) throws {
        let offer = TerminationTerms.Offer(
            deliveredOn: rule.delivered.map { CivilDate($0)! }, commitmentMonths: rule.commitment,
            noticeMonths: rule.notice, monthlyCents: Self.monthly, terminationFeeCents: Self.fee)
        let terms = try TerminationTerms(
            offer: offer, requestDate: CivilDate(rule.requested)!, desiredDate: CivilDate(rule.desired)!)
        #expect(terms.effectiveDate.description == rule.effective)
        #expect(terms.remainingCommittedMonths == rule.remainingMonths)
        #expect(terms.penaltyCents == rule.penaltyCents)
        #expect(terms.terminationFeeCents == Self.fee)
        #expect(terms.totalCents == Self.fee + rule.penaltyCents)
        #expect(terms.noticeEndsOn == CivilDate(rule.requested)!.adding(months: rule.notice))
    }

    @Test("a desired date before the request is refused, naming the field")
    func desiredInThePast() {
        let offer = TerminationTerms.Offer(
            deliveredOn: CivilDate("2026-01-10"), commitmentMonths: 24, noticeMonths: 1, monthlyCents: 9_000,
            terminationFeeCents: 0)
        #expect(throws: OrderingViolation.desiredDateInThePast) {
            try TerminationTerms(offer: offer, requestDate: CivilDate("2026-12-03")!, desiredDate: CivilDate("2026-12-02")!)
        }
        #expect(OrderingViolation.desiredDateInThePast.field == "desired_date")
        #expect(throws: OrderingViolation.desiredDateTooFar) {
            try TerminationTerms(offer: offer, requestDate: CivilDate("2026-12-03")!, desiredDate: CivilDate("9999-12-31")!)
        }
    }

    @Test("the guide's warnings, word for word")
    func warnings() {
        #expect(
            TerminationTerms.warnings == [
                "Pour les services facturés avec un abonnement mensuel : toute récurrence entamée est due.",
                "Une dernière facture vous sera envoyée le mois prochain pour vous facturer les coûts associés à vos consommations",
            ])
        #expect(TerminationTerms.confirmationPrompt == "Attention, cette action est irréversible !")
    }

    @Test("days: strict parsing, month arithmetic clamped to month end")
    func civilDates() {
        #expect(CivilDate("2026-02-29") == nil)
        #expect(CivilDate("2028-02-29") != nil)
        #expect(CivilDate("2026-1-01") == nil)
        #expect(CivilDate("2026-13-01") == nil)
        #expect(CivilDate("２０２６-01-01") == nil)
        #expect(CivilDate("2026-01-31")!.adding(months: 1).description == "2026-02-28")
        #expect(CivilDate("2026-12-15")!.adding(months: 1).description == "2027-01-15")
        #expect(CivilDate("2026-03-31")!.adding(months: -1).description == "2026-02-28")
        #expect(CivilDate("2026-12-15")!.firstOfNextMonth.description == "2027-01-01")
        #expect(CivilDate("9999-12-31")!.firstOfNextMonth.description == "9999-12-01", "clamped, never out of range")
        #expect(CivilDate("0001-01-31")!.adding(months: -5).description == "0001-01-31")
        #expect(CivilDate("2026-12-10")!.french == "10/12/2026")
        // 23:30 UTC on 31 December is already 1 January in Paris.
        #expect(CivilDate(Timestamp(milliseconds: 1_798_759_800_000)).description == "2027-01-01")
    }
}
