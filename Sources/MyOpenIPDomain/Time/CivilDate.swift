import Foundation

/// A day of the Gregorian calendar (« 2026-12-10 »), without a time or a zone: delivery,
/// desired and effective dates are days. Month arithmetic clamps to the end of the month
/// (31 January plus one month is 28 or 29 February).
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The day, or nil when it does not exist (30 February).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.days(inMonth: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`, exactly; anything else is nil.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `timestamp` falls on in `timeZone` (the portal's is Europe/Paris).
    public init(_ timestamp: Timestamp, in timeZone: TimeZone = .paris) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: timestamp.date)
        self.year = parts.year!
        self.month = parts.month!
        self.day = parts.day!
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// « 10/12/2026 », as the portal shows a day.
    public var french: String {
        String(format: "%02d/%02d/%04d", day, month, year)
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int64 {
        ISO8601Text.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
    }

    /// The day `days` after 1970-01-01 (before it when negative), within the years 0001 to 9999.
    public init(daysSinceEpoch days: Int64) {
        // Howard Hinnant's civil_from_days, on 400-year eras.
        let shifted = min(max(days, Self.earliestDay), Self.latestDay) + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: Int(year), month: Int(month), day: Int(day))!
    }

    static let earliestDay = ISO8601Text.daysFromCivil(year: 1, month: 1, day: 1)
    static let latestDay = ISO8601Text.daysFromCivil(year: 9999, month: 12, day: 31)

    /// The day `days` later (or earlier), within the years 0001 to 9999.
    public func adding(days: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + Int64(days))
    }

    /// Midnight starting this day in `timeZone`.
    public func start(in timeZone: TimeZone = .paris) -> Timestamp {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day))!
        return Timestamp(date)
    }

    /// The same day `months` later (or earlier), clamped to the end of a shorter month, and to
    /// the years 0001 to 9999.
    public func adding(months: Int) -> CivilDate {
        let index = min(max(year * 12 + (month - 1) + months, 12), 9999 * 12 + 11)
        let newYear = index / 12
        let newMonth = index % 12 + 1
        let newDay = min(day, Self.days(inMonth: newMonth, year: newYear))
        return CivilDate(year: newYear, month: newMonth, day: newDay)!
    }

    /// The first day of the month after this one.
    public var firstOfNextMonth: CivilDate {
        CivilDate(year: year, month: month, day: 1)!.adding(months: 1)
    }

    /// Days in this day's month.
    public var daysInMonth: Int { Self.days(inMonth: month, year: year) }

    public static func days(inMonth month: Int, year: Int) -> Int {
        Int(ISO8601Text.daysIn(month: Int64(month), year: Int64(year)))
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension TimeZone {
    /// The portal's time zone: days and months are those of France.
    public static let paris = TimeZone(identifier: "Europe/Paris")!
}
