/// What the network's collector measured on a link over five minutes: the average rates in and
/// out, in bits per second (Δoctets × 8 ÷ 300), for the five minutes starting at `at`.
public struct TrafficSample: Sendable, Hashable {
    /// The start of the five minutes, in Unix seconds (a multiple of 300).
    public var at: Int64
    public var inBitsPerSecond: Int64
    public var outBitsPerSecond: Int64

    public init(at: Int64, inBitsPerSecond: Int64, outBitsPerSecond: Int64) {
        self.at = at
        self.inBitsPerSecond = inBitsPerSecond
        self.outBitsPerSecond = outBitsPerSecond
    }

    /// The fastest rate a sample may carry: 10 Tbit/s, well above any access link.
    public static let maximumRate: Int64 = 10_000_000_000_000
}
