/// The traffic of a link over a window, as drawn: its buckets at one tier, oldest first, and
/// the window's 95th percentile.
public struct TrafficSeries: Sendable, Hashable {
    /// The window, in Unix seconds.
    public var from: Int64
    public var to: Int64
    public var tier: TrafficTier
    /// The buckets that hold samples, oldest first; a bucket with no sample is a gap.
    public var points: [TrafficAggregate]
    public var percentile: TrafficPercentile?

    public init(from: Int64, to: Int64, tier: TrafficTier, points: [TrafficAggregate]) {
        self.from = from
        self.to = to
        self.tier = tier
        self.points = points
        self.percentile = TrafficPercentile(points: points, tier: tier)
    }

    /// The highest rate of the window, in or out (bucket maxima).
    public var peak: Int64 { points.map { max($0.inMaximum, $0.outMaximum) }.max() ?? 0 }

    /// The window's averages, weighted by samples: the whole window as one bucket.
    public var total: TrafficAggregate? {
        guard var total = points.first else { return nil }
        for point in points.dropFirst() { total = total.merged(with: point) }
        total.start = from
        return total
    }
}

/// The 95th percentile of a window by nearest rank, in and out, and the one billed: the higher
/// of the two. It is taken over the 5-minute samples while the window is within their 7 days,
/// and over the averages of the tier read beyond that (`tier` says which).
public struct TrafficPercentile: Sendable, Hashable {
    public var inBitsPerSecond: Int64
    public var outBitsPerSecond: Int64
    public var tier: TrafficTier
    /// How many values it was taken over.
    public var values: Int

    public var billed: Int64 { max(inBitsPerSecond, outBitsPerSecond) }

    public init?(points: [TrafficAggregate], tier: TrafficTier) {
        guard let inRate = Percentile.nearestRank(points.map(\.inAverage)),
            let outRate = Percentile.nearestRank(points.map(\.outAverage))
        else { return nil }
        self.inBitsPerSecond = inRate
        self.outBitsPerSecond = outRate
        self.tier = tier
        self.values = points.count
    }
}
