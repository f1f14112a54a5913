import MyOpenIPDomain

/// The figures shown under a graph for one direction: the last bucket's average, the window's
/// average weighted by samples, and the highest bucket maximum, in bit/s.
struct TrafficFigures: Equatable {
    var current: Int64
    var average: Int64
    var peak: Int64

    /// The figures of traffic in (`inbound`) or out, nil for a series without a point.
    init?(_ series: TrafficSeries, inbound: Bool) {
        guard let last = series.points.last else { return nil }
        current = inbound ? last.inAverage : last.outAverage
        average = Self.weightedAverage(series.points, inbound: inbound)
        peak = series.points.map { inbound ? $0.inMaximum : $0.outMaximum }.max() ?? 0
    }

    /// The sum of the buckets' sums over the sum of their samples, rounded half up.
    static func weightedAverage(_ points: [TrafficAggregate], inbound: Bool) -> Int64 {
        var sum: Int64 = 0
        var samples: Int64 = 0
        var overflow = false
        for point in points {
            let added = sum.addingReportingOverflow(inbound ? point.inSum : point.outSum)
            let counted = samples.addingReportingOverflow(point.samples)
            overflow = overflow || added.overflow || counted.overflow
            sum = added.partialValue
            samples = counted.partialValue
        }
        guard samples > 0 else { return 0 }
        let rounded = sum.addingReportingOverflow(samples / 2)
        if !overflow && !rounded.overflow { return rounded.partialValue / samples }
        // Only absurd data gets here; floating point is then exact enough for a label.
        let total = points.reduce(0.0) { $0 + Double(inbound ? $1.inSum : $1.outSum) }
        let count = points.reduce(0.0) { $0 + Double($1.samples) }
        let mean = count > 0 ? (total / count).rounded() : 0
        return mean.isFinite && abs(mean) < 9e18 ? Int64(mean) : 0
    }

    /// "actuel 1,2 Mbit/s · moyenne 0,9 Mbit/s · pic 3,4 Mbit/s".
    var text: String {
        "actuel \(BitRate.text(current)) · moyenne \(BitRate.text(average)) · pic \(BitRate.text(peak))"
    }

    /// "moyennes sur 5 min" for a tier of 300 seconds: what one point of the graph stands for.
    static func resolution(_ tier: TrafficTier) -> String {
        let seconds = tier.seconds
        let duration =
            seconds % 86_400 == 0
            ? (seconds == 86_400 ? "1 jour" : "\(seconds / 86_400) jours")
            : seconds % 3_600 == 0 ? "\(seconds / 3_600) h" : seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds) s"
        return "moyennes sur \(duration)"
    }
}
