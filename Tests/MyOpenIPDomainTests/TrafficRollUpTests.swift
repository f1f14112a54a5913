import MyOpenIPDomain
import Testing

@Suite("Traffic roll-ups: sums, minima and maxima of the buckets present, buckets aligned on UTC")
struct TrafficRollUpTests {
    // 2026-12-07 10:00:00 UTC, a multiple of 2 h and of 30 min.
    static let base: Int64 = 1_796_637_600

    static func sample(_ minute: Int64, _ inRate: Int64, _ outRate: Int64) -> TrafficAggregate {
        TrafficAggregate(sample: TrafficSample(at: base + minute * 60, inBitsPerSecond: inRate, outBitsPerSecond: outRate))
    }

    @Test("six samples make one 30-minute bucket: average, minimum, maximum")
    func thirtyMinutes() {
        let samples = [(0, 100, 10), (5, 200, 20), (10, 300, 30), (15, 400, 40), (20, 500, 50), (25, 600, 60)].map {
            Self.sample(Int64($0.0), Int64($0.1), Int64($0.2))
        }
        let rolled = TrafficRollUp.rollUp(samples, into: .thirtyMinutes)
        #expect(rolled.count == 1)
        let bucket = rolled[0]
        #expect(bucket.start == Self.base)
        #expect(bucket.samples == 6)
        #expect(bucket.inAverage == 350)
        #expect(bucket.inMinimum == 100 && bucket.inMaximum == 600)
        #expect(bucket.outAverage == 35)
        #expect(bucket.outMinimum == 10 && bucket.outMaximum == 60)
    }

    @Test("a missing sample is absent: the average is over the five present, not six with a zero")
    func missingSample() {
        let samples = [(0, 100), (5, 200), (15, 400), (20, 500), (25, 600)].map { Self.sample(Int64($0.0), Int64($0.1), 0) }
        let bucket = TrafficRollUp.rollUp(samples, into: .thirtyMinutes)[0]
        #expect(bucket.samples == 5)
        #expect(bucket.inAverage == 360)  // 1800 / 5
        #expect(bucket.inMinimum == 100)
    }

    @Test("samples across a boundary go to their own buckets; an empty bucket does not exist")
    func boundaries() {
        let samples = [Self.sample(25, 10, 0), Self.sample(30, 20, 0), Self.sample(95, 40, 0)]
        let rolled = TrafficRollUp.rollUp(samples, into: .thirtyMinutes)
        #expect(rolled.map(\.start) == [Self.base, Self.base + 1_800, Self.base + 5_400])
        #expect(rolled.map(\.inAverage) == [10, 20, 40])
    }

    @Test("rolling twice is exact: 30-minute buckets of unequal sizes roll up weighted by their samples")
    func weighted() {
        // 2 h: the first half-hour has 6 samples of 100, the second 1 sample of 800, the others none.
        var samples = (0..<6).map { Self.sample(Int64($0) * 5, 100, 0) }
        samples.append(Self.sample(30, 800, 0))
        let half = TrafficRollUp.rollUp(samples, into: .thirtyMinutes)
        let direct = TrafficRollUp.rollUp(samples, into: .twoHours)
        let twice = TrafficRollUp.rollUp(half, into: .twoHours)
        #expect(twice == direct)
        #expect(twice[0].inAverage == 200)  // (600 + 800) / 7, not (100 + 800) / 2
        #expect(twice[0].inMaximum == 800)
    }

    @Test("the average rounds half up to the bit per second")
    func rounding() {
        let bucket = TrafficRollUp.rollUp([Self.sample(0, 1, 0), Self.sample(5, 2, 0)], into: .thirtyMinutes)[0]
        #expect(bucket.inAverage == 2)  // 1.5
    }

    @Test("a day bucket starts at midnight UTC and holds the day's twelve 2-hour buckets")
    func day() {
        let midnight = TrafficTier.oneDay.bucket(of: Self.base)
        #expect(midnight == Self.base - 10 * 3_600)
        let buckets = (0..<12).map { index in
            TrafficAggregate(
                start: midnight + Int64(index) * 7_200, samples: 24, inSum: 24 * Int64(index), inMinimum: Int64(index),
                inMaximum: Int64(index), outSum: 0, outMinimum: 0, outMaximum: 0)
        }
        let day = TrafficRollUp.rollUp(buckets, into: .oneDay)
        #expect(day.count == 1)
        #expect(day[0].samples == 288)
        #expect(day[0].inSum == 24 * 66)
        #expect(day[0].inMaximum == 11)
    }

    @Test("tiers nest: each is a multiple of the finer, and keeps longer")
    func tiers() {
        for tier in TrafficTier.all.dropFirst() {
            let finer = try! #require(tier.finer)
            #expect(tier.seconds % finer.seconds == 0)
            #expect(tier.retention > finer.retention)
        }
        #expect(TrafficTier.fiveMinutes.finer == nil)
        #expect(TrafficTier.fiveMinutes.bucket(of: -1) == -300)
    }
}

@Suite("95th percentile by nearest rank, as operators bill it")
struct PercentileTests {
    @Test("a 30-day month of 8,640 samples: the top 432 dropped, the 8,208th smallest billed")
    func month() {
        let values = (1...8_640).map { Int64($0) }.shuffled()
        #expect(Percentile.nearestRank(values) == 8_208)
    }

    @Test("small series: ⌈0.95 × n⌉-th smallest")
    func small() {
        #expect(Percentile.nearestRank([5]) == 5)
        #expect(Percentile.nearestRank([1, 2]) == 2)
        #expect(Percentile.nearestRank(Array(1...20).map(Int64.init)) == 19)
        #expect(Percentile.nearestRank(Array(1...21).map(Int64.init)) == 20)
        #expect(Percentile.nearestRank([]) == nil)
        #expect(Percentile.nearestRank([15, 20, 35, 40, 50], percent: 40) == 20)
    }

    @Test("a series' percentile: in, out, and the higher of the two billed")
    func series() {
        let points = (0..<100).map { index in
            TrafficAggregate(
                sample: TrafficSample(
                    at: Int64(index) * 300, inBitsPerSecond: Int64(index + 1) * 1_000,
                    outBitsPerSecond: Int64(100 - index) * 10))
        }
        let series = TrafficSeries(from: 0, to: 30_000, tier: .fiveMinutes, points: points)
        let percentile = try! #require(series.percentile)
        #expect(percentile.inBitsPerSecond == 95_000)
        #expect(percentile.outBitsPerSecond == 950)
        #expect(percentile.billed == 95_000)
        #expect(percentile.values == 100)
        #expect(series.peak == 100_000)
        #expect(TrafficSeries(from: 0, to: 1, tier: .fiveMinutes, points: []).percentile == nil)
    }
}
