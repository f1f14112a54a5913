import MyOpenIPDomain

/// The rate axis of a traffic graph: from 0 up to a "nice" top, in steps of 1, 2 or 5 × 10ⁿ
/// bit/s, 4 to 6 ticks, labelled in the unit that fits the top ("0 Mbit/s", "2,5 Mbit/s").
struct RateAxis {
    /// The distance between two ticks, in bit/s.
    let step: Int64
    /// How many steps from 0 to the top (3 to 5).
    let intervals: Int64
    /// The unit every label is written in.
    let unit: BitRateUnit
    /// The digits after the decimal comma that every label needs.
    let decimals: Int

    /// The lowest top an axis has, so that an idle or empty link still gets a readable scale.
    static let minimumMaximum: Int64 = 1_000
    /// Well above any rate a link may carry (``TrafficSample/maximumRate``), so that the steps
    /// never overflow.
    static let maximumMaximum: Int64 = 1_000_000_000_000_000

    /// The axis that shows every value up to `maximum` bit/s.
    init(maximum: Int64) {
        let target = min(max(maximum, Self.minimumMaximum), Self.maximumMaximum)
        // The smallest nice step that reaches `target` in at most 5 intervals. The one before it
        // needed more than 5, and nice steps grow at most 2.5 times, so this one needs at least 3.
        var magnitude: Int64 = 1
        var chosen: (step: Int64, intervals: Int64) = (target, 1)
        search: while magnitude <= Self.maximumMaximum {
            for multiple: Int64 in [1, 2, 5] {
                let step = multiple * magnitude
                let intervals = (target + step - 1) / step
                if intervals <= 5 {
                    chosen = (step, intervals)
                    break search
                }
            }
            magnitude *= 10
        }
        step = chosen.step
        intervals = chosen.intervals
        unit = BitRateUnit.fitting(chosen.step * chosen.intervals)
        var digits = 0
        var scaled = chosen.step
        while scaled % unit.rawValue != 0 && digits < 9 {
            scaled *= 10
            digits += 1
        }
        decimals = digits
    }

    /// The highest value on the axis, in bit/s.
    var top: Int64 { step * intervals }

    /// The tick values, from 0 to the top.
    var ticks: [Int64] { (0...intervals).map { $0 * step } }

    /// How `value` is labelled on this axis: "0 Mbit/s", "12,5 Mbit/s".
    func label(_ value: Int64) -> String {
        value == 0 ? "0 \(unit.symbol)" : unit.format(value, decimals: decimals)
    }
}
