import MyOpenIPDomain
import Testing

@Suite("Proration: days used ÷ days in the month, exact, rounded half up once per line")
struct ProrationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var monthly: Int64
        var delivered: String
        var days: Int
        var cents: Int64
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "the guide's example: 10 March at 30.00 €, 22/31", monthly: 3_000, delivered: "2026-03-10", days: 22,
            cents: 2_129),
        Case(name: "delivered on the 1st: the whole month", monthly: 3_000, delivered: "2026-03-01", days: 31, cents: 3_000),
        Case(name: "delivered on the last day: one day", monthly: 3_000, delivered: "2026-03-31", days: 1, cents: 97),
        Case(name: "29 February of a leap year: 1 day of 29", monthly: 2_900, delivered: "2028-02-29", days: 1, cents: 100),
        Case(name: "28 February of a common year: 1 day of 28", monthly: 2_800, delivered: "2027-02-28", days: 1, cents: 100),
        Case(name: "15 February 2028: 15 days of 29", monthly: 9_000, delivered: "2028-02-15", days: 15, cents: 4_655),
        Case(name: "an exact half cent rounds up", monthly: 15, delivered: "2026-04-24", days: 7, cents: 4),
        Case(name: "just under a half cent rounds down", monthly: 1, delivered: "2026-03-17", days: 15, cents: 0),
        Case(name: "free stays free", monthly: 0, delivered: "2026-03-10", days: 22, cents: 0),
    ]

    @Test(arguments: cases)
    func prorated(_ row: Case) throws {
        let date = try #require(CivilDate(row.delivered))
        #expect(Proration.daysUsed(from: date) == row.days)
        #expect(Proration.amount(monthlyCents: row.monthly, from: date) == row.cents)
    }

    @Test("a line is prorated for its whole quantity, not unit by unit")
    func wholeQuantity() throws {
        // 3 × 10.00 € for 22 days of 31: 2,129.03… cents, where 3 × round(709.67…) would say 2,130.
        #expect(Proration.amount(monthlyCents: 3 * 1_000, days: 22, daysInMonth: 31) == 2_129)
        #expect(3 * Proration.amount(monthlyCents: 1_000, days: 22, daysInMonth: 31) == 2_130)
    }
}
