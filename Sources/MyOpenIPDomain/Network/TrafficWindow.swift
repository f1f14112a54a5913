/// The time a traffic graph covers: the last day, week, month (30 days) or year, ending now,
/// or a range.
public enum TrafficWindow: Sendable, Hashable {
    case day
    case week
    case month
    case year
    /// From and to, in Unix seconds.
    case range(from: Int64, to: Int64)

    /// The most points a graph is drawn with: a coarser tier is read beyond it.
    public static let maximumPoints: Int64 = 3_000

    /// From and to at `now` (Unix seconds); a range is checked.
    public func bounds(now: Int64) throws(DomainViolation) -> (from: Int64, to: Int64) {
        switch self {
        case .day: return (now - 86_400, now)
        case .week: return (now - 7 * 86_400, now)
        case .month: return (now - 30 * 86_400, now)
        case .year: return (now - 365 * 86_400, now)
        case .range(let from, let to):
            guard from < to else { throw NetworkViolation.rangeInvalid }
            guard to - from <= TrafficTier.oneDay.retention else { throw NetworkViolation.rangeTooLong }
            return (from, to)
        }
    }

    /// The finest tier that still holds `from` at `now` and draws the window in at most
    /// ``maximumPoints`` points.
    public static func tier(from: Int64, to: Int64, now: Int64) -> TrafficTier {
        TrafficTier.all.first { tier in
            tier.oldestKept(at: now) <= tier.bucket(of: from) && (to - from) / tier.seconds <= maximumPoints
        } ?? .oneDay
    }
}
