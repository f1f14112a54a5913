extension Timestamp {
    /// The instant as a mail's `Date` header (RFC 5322 §3.3), in UTC, to the second below, e.g.
    /// `Wed, 02 Dec 2026 12:34:56 +0000`: English names whatever the process's locale and time
    /// zone (computed by hand, not by a formatter).
    public var rfc5322: String {
        let seconds = milliseconds.floorDivided(by: 1000)
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        // 1970-01-01 was a Thursday.
        let weekday = Int(days + 4 - (days + 4).floorDivided(by: 7) * 7)
        let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return dayNames[weekday] + ", " + pad(Int64(day), 2) + " " + monthNames[month - 1] + " " + pad(year, 4) + " "
            + pad(Int64(secondOfDay / 3600), 2) + ":" + pad(Int64(secondOfDay / 60 % 60), 2) + ":"
            + pad(Int64(secondOfDay % 60), 2) + " +0000"
    }

    /// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`): the year, the month 1–12 and the day 1–31.
    private static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = days + 719_468  // Days since 0000-03-01.
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097  // 0...146_096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365  // 0...399
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // 0...365, from March 1st
        let monthFromMarch = (5 * dayOfYear + 2) / 153  // 0...11
        let day = Int(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
        let month = Int(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
