/// One resolution at which traffic is kept, the way network tools keep it (MRTG, LibreNMS):
/// average, minimum and maximum per bucket, for a bounded time. Buckets are aligned on the Unix
/// epoch (UTC), so each tier's buckets nest exactly in the next one's.
public struct TrafficTier: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The width of a bucket, in seconds.
    public let seconds: Int64
    /// How long its buckets are kept, in seconds.
    public let retention: Int64

    public init(seconds: Int64, retention: Int64) {
        self.seconds = seconds
        self.retention = retention
    }

    /// The collector's samples: 5 minutes, kept 7 days.
    public static let fiveMinutes = TrafficTier(seconds: 300, retention: 7 * 86_400)
    /// 30 minutes, kept 30 days.
    public static let thirtyMinutes = TrafficTier(seconds: 1_800, retention: 30 * 86_400)
    /// 2 hours, kept 120 days.
    public static let twoHours = TrafficTier(seconds: 7_200, retention: 120 * 86_400)
    /// 1 day, kept 4 years.
    public static let oneDay = TrafficTier(seconds: 86_400, retention: 1_461 * 86_400)

    /// Finest first.
    public static let all: [TrafficTier] = [fiveMinutes, thirtyMinutes, twoHours, oneDay]

    /// The tier rolled up into this one, if any.
    public var finer: TrafficTier? {
        guard let index = Self.all.firstIndex(of: self), index > 0 else { return nil }
        return Self.all[index - 1]
    }

    /// The start of the bucket holding `unixSeconds`.
    public func bucket(of unixSeconds: Int64) -> Int64 {
        let remainder = unixSeconds % seconds
        return unixSeconds - (remainder < 0 ? remainder + seconds : remainder)
    }

    /// The oldest bucket still kept at `now`.
    public func oldestKept(at now: Int64) -> Int64 { bucket(of: now - retention) }

    /// The number of the tier in storage (0 for 5 minutes).
    public var index: Int { Self.all.firstIndex(of: self) ?? 0 }

    public var description: String {
        seconds < 3_600 ? "\(seconds / 60) min" : seconds < 86_400 ? "\(seconds / 3_600) h" : "\(seconds / 86_400) j"
    }

    public static func < (lhs: TrafficTier, rhs: TrafficTier) -> Bool { lhs.seconds < rhs.seconds }
}
