/// The units a rate is shown in, decimal as network people count: 1 kbit/s is 1,000 bit/s.
public enum BitRateUnit: Int64, Sendable, Hashable, CaseIterable {
    case kilobits = 1_000
    case megabits = 1_000_000
    case gigabits = 1_000_000_000

    public var symbol: String {
        switch self {
        case .kilobits: "kbit/s"
        case .megabits: "Mbit/s"
        case .gigabits: "Gbit/s"
        }
    }

    /// The unit that shows `bitsPerSecond` with one to three digits before the decimal comma
    /// (kbit/s below 1 Mbit/s, Gbit/s from 1 Gbit/s).
    public static func fitting(_ bitsPerSecond: Int64) -> BitRateUnit {
        let magnitude = bitsPerSecond.magnitude
        return magnitude >= 1_000_000_000 ? .gigabits : magnitude >= 1_000_000 ? .megabits : .kilobits
    }

    /// `bitsPerSecond` in this unit with `decimals` digits after a French decimal comma, rounded
    /// half up, and the unit: "12,5 Mbit/s".
    public func format(_ bitsPerSecond: Int64, decimals: Int = 1, withSymbol: Bool = true) -> String {
        let number = Self.decimal(bitsPerSecond, divisor: rawValue, decimals: decimals)
        return withSymbol ? "\(number) \(symbol)" : number
    }

    static func decimal(_ value: Int64, divisor: Int64, decimals: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<max(0, decimals) { scale *= 10 }
        let negative = value < 0
        let magnitude = Int64(value.magnitude)
        // Rounded half up in `scale`ths of the unit, without going through floating point.
        let scaled = (magnitude.multipliedReportingOverflow(by: scale).overflow ? Int64.max : magnitude * scale)
        let units = (scaled + divisor / 2) / divisor
        let whole = units / scale
        let fraction = units % scale
        var text = negative && units != 0 ? "-\(whole)" : "\(whole)"
        if decimals > 0 {
            let digits = String(fraction)
            text += "," + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return text
    }
}

/// A rate as people read it: its fitting unit, one decimal below 100, none above ("950 kbit/s",
/// "12,5 Mbit/s", "125 Mbit/s").
public enum BitRate {
    public static func text(_ bitsPerSecond: Int64) -> String {
        let unit = BitRateUnit.fitting(bitsPerSecond)
        let decimals = bitsPerSecond.magnitude >= 100 * UInt64(unit.rawValue) ? 0 : 1
        return unit.format(bitsPerSecond, decimals: decimals)
    }
}
