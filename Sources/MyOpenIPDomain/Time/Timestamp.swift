import Foundation

/// An instant as whole milliseconds since 1970-01-01T00:00:00Z: how the store keeps times
/// (integers compare and index well) and how they are turned into ISO-8601 text for callers.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public init(_ date: Date) {
        // Nearest, not down: a Double of seconds may hold an exact millisecond as x.999….
        milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// This instant moved by `duration` (milliseconds precision).
    public func adding(_ duration: Duration) -> Timestamp {
        let (seconds, attoseconds) = duration.components
        return Timestamp(milliseconds: milliseconds + seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    /// The time from this instant to `later` (negative when `later` is earlier).
    public func duration(to later: Timestamp) -> Duration {
        .milliseconds(later.milliseconds - milliseconds)
    }

    /// ISO-8601 in UTC with milliseconds, e.g. `2017-02-15T00:00:00.000Z`.
    public var iso8601: String {
        var seconds = time_t(milliseconds.floorDivided(by: 1000))
        let millis = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2)
            + "T" + pad(parts.tm_hour, 2) + ":" + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2)
            + "." + pad(Int32(millis), 3) + "Z"
    }

    public var description: String { iso8601 }

    /// Reads ISO-8601 text: a date (`2017-02-15`, midnight UTC), or a date and time with `Z` or
    /// an offset, with or without fractional seconds (see ``ISO8601Text``). Nil for anything else.
    public init?(parsing text: String) {
        guard let milliseconds = ISO8601Text.milliseconds(text) else { return nil }
        self.init(milliseconds: milliseconds)
    }

    /// The earliest and latest instants a timestamp may hold on the wire, as
    /// `google.protobuf.Timestamp` allows them: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z.
    public static let earliest = Timestamp(milliseconds: -62_135_596_800_000)
    public static let latest = Timestamp(milliseconds: 253_402_300_799_999)

    /// The instant of a `google.protobuf.Timestamp`'s seconds and nanoseconds, to the millisecond
    /// below; nil when the nanoseconds are outside 0..<1e9 or the instant outside the years
    /// 1–9999 (what the well-known type allows).
    public init?(seconds: Int64, nanos: Int32) {
        guard (0..<1_000_000_000).contains(nanos),
            seconds >= Self.earliest.milliseconds / 1000, seconds <= Self.latest.milliseconds / 1000
        else { return nil }
        self.init(milliseconds: seconds * 1000 + Int64(nanos / 1_000_000))
    }

    /// The whole seconds since the epoch (rounded down) of a `google.protobuf.Timestamp`.
    public var seconds: Int64 { milliseconds.floorDivided(by: 1000) }

    /// The nanoseconds after ``seconds`` (0..<1e9, whole milliseconds).
    public var nanos: Int32 { Int32((milliseconds - seconds * 1000) * 1_000_000) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

extension TimeSource {
    /// The current instant as a ``Timestamp``.
    public func timestamp() -> Timestamp { Timestamp(now()) }
}
