import ServiceContextModule

/// A W3C Trace Context `traceparent` (https://www.w3.org/TR/trace-context/): version,
/// trace id, parent id and flags, as `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01`.
/// One that does not parse is ignored, as the recommendation asks (the call goes on untraced).
public struct TraceParent: Sendable, Hashable, CustomStringConvertible {
    /// 32 lowercase hexadecimal digits, not all zero.
    public let traceID: String
    /// 16 lowercase hexadecimal digits, not all zero: the caller's span.
    public let parentID: String
    public let flags: UInt8

    public var isSampled: Bool { flags & 1 == 1 }

    public init?(_ header: String) {
        let parts = header.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, let version = UInt8(parts[0], radix: 16), parts[0].count == 2, version != 0xFF,
            version != 0 || parts.count == 4,
            Self.isHex(parts[1], count: 32), Self.isHex(parts[2], count: 16), Self.isHex(parts[3], count: 2),
            let flags = UInt8(parts[3], radix: 16)
        else { return nil }
        guard parts[1].contains(where: { $0 != "0" }), parts[2].contains(where: { $0 != "0" }) else { return nil }
        traceID = String(parts[1])
        parentID = String(parts[2])
        self.flags = flags
    }

    public var description: String {
        "00-\(traceID)-\(parentID)-\(flags < 16 ? "0" : "")\(String(flags, radix: 16))"
    }

    private static func isHex(_ text: Substring, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// The key of a call's trace parent in its `ServiceContext`, for whatever traces the call.
public enum TraceParentKey: ServiceContextKey {
    public typealias Value = TraceParent
    public static var nameOverride: String? { "traceparent" }
}
