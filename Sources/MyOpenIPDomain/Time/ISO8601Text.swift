/// A strict reader of the ISO-8601 forms the API accepts (RFC 3339 profile): a date
/// `YYYY-MM-DD` (midnight UTC), or a date and time `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)`.
///
/// Every field has its exact number of ASCII digits and its range (the day exists in its month,
/// leap years included); anything else is refused. Foundation's ISO8601DateFormatter is lenient
/// (it read `20<VT>7-02-15` as the year 20), and costly to build per call.
enum ISO8601Text {
    /// The earliest and latest instants this reader returns: years 0001 to 9999 in UTC.
    static let earliest = daysFromCivil(year: 1, month: 1, day: 1) * 86_400_000
    static let latest = daysFromCivil(year: 10_000, month: 1, day: 1) * 86_400_000 - 1

    /// Milliseconds since the epoch, or nil.
    static func milliseconds(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        var reader = Reader(bytes: bytes)
        guard let year = reader.number(digits: 4), year >= 1, reader.skip("-"),
            let month = reader.number(digits: 2), (1...12).contains(month), reader.skip("-"),
            let day = reader.number(digits: 2), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = daysFromCivil(year: year, month: month, day: day) * 86_400
        var millis: Int64 = 0
        if !reader.isAtEnd {
            guard reader.skip("T") || reader.skip("t"),
                let hour = reader.number(digits: 2), hour < 24, reader.skip(":"),
                let minute = reader.number(digits: 2), minute < 60, reader.skip(":"),
                let second = reader.number(digits: 2), second < 60
            else { return nil }
            seconds += hour * 3600 + minute * 60 + second
            if reader.skip(".") {
                guard let fraction = reader.fractionMilliseconds() else { return nil }
                millis = fraction
            }
            guard let offset = reader.offsetSeconds(), reader.isAtEnd else { return nil }
            seconds -= offset
        }
        let total = seconds * 1000 + millis
        return (earliest...latest).contains(total) ? total : nil
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Reader {
        var bytes: ArraySlice<UInt8>

        var isAtEnd: Bool { bytes.isEmpty }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard bytes.first == UInt8(ascii: character) else { return false }
            bytes.removeFirst()
            return true
        }

        /// Exactly `digits` ASCII digits.
        mutating func number(digits: Int) -> Int64? {
            guard bytes.count >= digits else { return nil }
            var value: Int64 = 0
            for byte in bytes.prefix(digits) {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            bytes.removeFirst(digits)
            return value
        }

        /// One to nine digits of a fraction of a second, as whole milliseconds (truncated).
        mutating func fractionMilliseconds() -> Int64? {
            let digits = bytes.prefix { (0x30...0x39).contains($0) }
            guard (1...9).contains(digits.count) else { return nil }
            var millis: Int64 = 0
            for (index, byte) in digits.prefix(3).enumerated() {
                millis += Int64(byte - 0x30) * [100, 10, 1][index]
            }
            bytes.removeFirst(digits.count)
            return millis
        }

        /// `Z`, `±HH:MM` or `±HHMM`, as seconds east of UTC.
        mutating func offsetSeconds() -> Int64? {
            if skip("Z") || skip("z") { return 0 }
            let sign: Int64
            if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
            guard let hours = number(digits: 2), hours < 24 else { return nil }
            _ = skip(":")
            guard let minutes = number(digits: 2), minutes < 60 else { return nil }
            return sign * (hours * 3600 + minutes * 60)
        }
    }
}
