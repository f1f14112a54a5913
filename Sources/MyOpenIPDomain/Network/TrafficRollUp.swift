/// Rolls buckets of one tier up into the next: each coarse bucket sums the samples and sums of
/// the fine buckets it holds, and keeps their minimum and maximum. A missing fine bucket (a
/// sample the collector never sent) is simply absent: the average is over the samples present,
/// and a coarse bucket with no sample at all does not exist.
public enum TrafficRollUp {
    /// `buckets` (any order, one link) rolled up into `tier`, by start.
    public static func rollUp(_ buckets: [TrafficAggregate], into tier: TrafficTier) -> [TrafficAggregate] {
        var coarse: [Int64: TrafficAggregate] = [:]
        for bucket in buckets {
            let start = tier.bucket(of: bucket.start)
            if let existing = coarse[start] {
                coarse[start] = existing.merged(with: bucket)
            } else {
                var first = bucket
                first.start = start
                coarse[start] = first
            }
        }
        return coarse.values.sorted { $0.start < $1.start }
    }
}
