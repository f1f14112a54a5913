/// A series as a line of block characters for a terminal: ▁▂▃▄▅▆▇█, scaled from zero to the
/// peak, a space for a gap (nil).
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public static func text(_ values: [Int64?]) -> String {
        let peak = values.compactMap { $0 }.max() ?? 0
        return String(
            values.map { value -> Character in
                guard let value else { return " " }
                guard peak > 0 else { return blocks[0] }
                let level = Int((Double(max(0, value)) / Double(peak) * Double(blocks.count - 1)).rounded())
                return blocks[min(blocks.count - 1, level)]
            })
    }

    /// `points` resampled to `width` columns (the average of each column's buckets), gaps kept.
    public static func columns(_ series: TrafficSeries, width: Int, value: (TrafficAggregate) -> Int64) -> [Int64?] {
        guard width > 0, series.to > series.from else { return [] }
        var sums = [Int64](repeating: 0, count: width)
        var counts = [Int64](repeating: 0, count: width)
        let span = series.to - series.from
        for point in series.points where point.start >= series.from && point.start < series.to {
            let column = Int((point.start - series.from) * Int64(width) / span)
            sums[column] += value(point)
            counts[column] += 1
        }
        return (0..<width).map { counts[$0] == 0 ? nil : sums[$0] / counts[$0] }
    }
}
