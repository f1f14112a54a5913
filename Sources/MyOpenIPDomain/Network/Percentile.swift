/// The percentile operators bill by: nearest rank. Over a 30-day month of 5-minute samples
/// (8,640), the 95th drops the top 5 % (432) and is the next one, the 8,208th smallest.
public enum Percentile {
    /// The `percent`-th percentile of `values` by nearest rank (the ⌈p × n / 100⌉-th smallest),
    /// nil for no value.
    public static func nearestRank(_ values: [Int64], percent: Int = 95) -> Int64? {
        guard !values.isEmpty else { return nil }
        let rank = max(1, (percent * values.count + 99) / 100)
        return values.sorted()[rank - 1]
    }
}
