/// The traffic of one bucket of a link, in bits per second, in and out: how many samples it
/// holds, their sum (so averages roll up exactly, weighted by samples), minimum and maximum.
public struct TrafficAggregate: Sendable, Hashable {
    /// The bucket's start, in Unix seconds.
    public var start: Int64
    public var samples: Int64
    public var inSum: Int64
    public var inMinimum: Int64
    public var inMaximum: Int64
    public var outSum: Int64
    public var outMinimum: Int64
    public var outMaximum: Int64

    public init(
        start: Int64, samples: Int64, inSum: Int64, inMinimum: Int64, inMaximum: Int64, outSum: Int64,
        outMinimum: Int64, outMaximum: Int64
    ) {
        self.start = start
        self.samples = samples
        self.inSum = inSum
        self.inMinimum = inMinimum
        self.inMaximum = inMaximum
        self.outSum = outSum
        self.outMinimum = outMinimum
        self.outMaximum = outMaximum
    }

    /// One collector sample: a bucket of one.
    public init(sample: TrafficSample) {
        self.init(
            start: sample.at, samples: 1, inSum: sample.inBitsPerSecond, inMinimum: sample.inBitsPerSecond,
            inMaximum: sample.inBitsPerSecond, outSum: sample.outBitsPerSecond, outMinimum: sample.outBitsPerSecond,
            outMaximum: sample.outBitsPerSecond)
    }

    /// The average rate in, rounded half up to the bit per second.
    public var inAverage: Int64 { Self.average(inSum, samples) }
    /// The average rate out, rounded half up to the bit per second.
    public var outAverage: Int64 { Self.average(outSum, samples) }

    static func average(_ sum: Int64, _ count: Int64) -> Int64 {
        count == 0 ? 0 : (sum + count / 2) / count
    }

    /// This bucket and `other` as one (the start stays this one's).
    public func merged(with other: TrafficAggregate) -> TrafficAggregate {
        TrafficAggregate(
            start: start, samples: samples + other.samples, inSum: inSum + other.inSum,
            inMinimum: min(inMinimum, other.inMinimum), inMaximum: max(inMaximum, other.inMaximum),
            outSum: outSum + other.outSum, outMinimum: min(outMinimum, other.outMinimum),
            outMaximum: max(outMaximum, other.outMaximum))
    }
}
