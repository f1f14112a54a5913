#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 prefix routed to a site, normalised: the host bits cleared, IPv6 in its
/// canonical text ("2001:db8:12::/48"). A lone address is its /32 or /128.
public struct IPPrefix: Sendable, Hashable, CustomStringConvertible {
    /// The address bytes (4 or 16), host bits cleared.
    public let bytes: [UInt8]
    public let length: Int

    public var isIPv6: Bool { bytes.count == 16 }

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty, text.utf8.count <= 64 else { return nil }
        let address = String(first)
        var bytes: [UInt8]
        if address.contains(":") {
            var raw = in6_addr()
            guard inet_pton(AF_INET6, address, &raw) == 1 else { return nil }
            bytes = withUnsafeBytes(of: &raw) { Array($0) }
        } else {
            var raw = in_addr()
            guard inet_pton(AF_INET, address, &raw) == 1 else { return nil }
            bytes = withUnsafeBytes(of: &raw) { Array($0) }
        }
        let maximum = bytes.count * 8
        var length = maximum
        if parts.count == 2 {
            guard let given = Int(parts[1]), parts[1].allSatisfy(\.isNumber), (0...maximum).contains(given) else {
                return nil
            }
            length = given
        }
        for index in bytes.indices {
            let kept = max(0, min(8, length - index * 8))
            bytes[index] &= kept == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - kept))
        }
        self.bytes = bytes
        self.length = length
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = isIPv6 ? AF_INET6 : AF_INET
        let written = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        let text = written ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        return "\(text)/\(length)"
    }
}
