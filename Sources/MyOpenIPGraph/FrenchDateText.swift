/// The French words and numbers of a time axis, written here rather than read from the
/// machine's locale data, which may be missing or differ between hosts.
enum FrenchDateText {
    /// Abbreviated days of the week, indexed by Foundation's weekday (1 is Sunday).
    static let weekdays = ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."]
    /// Abbreviated months, January first.
    static let months = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]

    /// "lun." for Foundation's weekday 2.
    static func weekday(_ weekday: Int) -> String {
        weekdays.indices.contains(weekday - 1) ? weekdays[weekday - 1] : ""
    }

    /// "déc." for month 12.
    static func month(_ month: Int) -> String {
        months.indices.contains(month - 1) ? months[month - 1] : ""
    }

    /// `value` on two digits at least: "07".
    static func twoDigits(_ value: Int) -> String {
        value >= 0 && value < 10 ? "0\(value)" : "\(value)"
    }

    /// "14:05".
    static func time(hour: Int, minute: Int) -> String {
        "\(twoDigits(hour)):\(twoDigits(minute))"
    }

    /// "07/12".
    static func dayMonth(day: Int, month: Int) -> String {
        "\(twoDigits(day))/\(twoDigits(month))"
    }
}
