import Synchronization

/// Makes request ids for calls that came without an `x-request-id`: a per-process random
/// prefix and a counter, unique within a run and cheap on the hot path.
enum RequestIDGenerator {
    private static let prefix = String(UInt32.random(in: .min ... .max), radix: 16)
    private static let counter = Atomic<UInt64>(0)

    static func next() -> String {
        let (value, _) = counter.wrappingAdd(1, ordering: .relaxed)
        return "\(prefix)-\(String(value, radix: 16))"
    }
}
