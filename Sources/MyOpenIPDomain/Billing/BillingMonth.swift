/// A month of the calendar (« 2026-03 »), the period of an invoice run: monthly subscriptions are
/// billed in advance on its first day, usage of the month before it.
public struct BillingMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// The month, or nil when it does not exist.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`, exactly; anything else is nil.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
            bytes.enumerated().allSatisfy({ $0.offset == 4 || (0x30...0x39).contains($0.element) })
        else { return nil }
        let digits = bytes.map { Int($0) - 0x30 }
        self.init(
            year: digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3], month: digits[5] * 10 + digits[6])
    }

    /// The month `date` falls in.
    public init(containing date: CivilDate) {
        year = date.year
        month = date.month
    }

    public var description: String { first.description.prefix(7).description }

    /// « mars 2026 », as invoices name a month.
    public var french: String { "\(Self.frenchNames[month - 1]) \(year)" }

    static let frenchNames = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre",
    ]

    /// Its first day.
    public var first: CivilDate { CivilDate(year: year, month: month, day: 1)! }

    /// Its last day.
    public var last: CivilDate { CivilDate(year: year, month: month, day: days)! }

    /// How many days it has (28 to 31).
    public var days: Int { CivilDate.days(inMonth: month, year: year) }

    /// The month after this one (the last month of 9999 stays itself).
    public var next: BillingMonth { BillingMonth(containing: first.adding(months: 1)) }

    /// The month before this one (the first month of 0001 stays itself).
    public var previous: BillingMonth { BillingMonth(containing: first.adding(months: -1)) }

    public func contains(_ date: CivilDate) -> Bool { date.year == year && date.month == month }

    public static func < (lhs: BillingMonth, rhs: BillingMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
