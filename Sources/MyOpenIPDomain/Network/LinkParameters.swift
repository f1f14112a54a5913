/// The technical parameters of a data link, set by operator staff or the provisioning system.
/// A field not set yet is nil (or empty): a link is provisioned a piece at a time.
public struct LinkParameters: Sendable, Hashable {
    public var accessType: AccessType?
    /// Bandwidth towards the site, in kbit/s.
    public var downstreamKbps: Int64?
    /// Bandwidth from the site, in kbit/s.
    public var upstreamKbps: Int64?
    /// The network's name of the interface ("par-pe1:xe-0/0/1.120"), which the collector polls.
    public var interfaceID: String?
    /// The prefixes routed to the site, normalised ("192.0.2.0/29", "2001:db8:12::/48").
    public var addresses: [IPPrefix]

    public init(
        accessType: AccessType? = nil, downstreamKbps: Int64? = nil, upstreamKbps: Int64? = nil,
        interfaceID: String? = nil, addresses: [IPPrefix] = []
    ) {
        self.accessType = accessType
        self.downstreamKbps = downstreamKbps
        self.upstreamKbps = upstreamKbps
        self.interfaceID = interfaceID
        self.addresses = addresses
    }

    /// 100 Gbit/s: no access link is faster.
    public static let maximumKbps: Int64 = 100_000_000
    public static let maximumAddresses = 64

    /// A bandwidth in kbit/s, checked.
    public static func bandwidth(_ kbps: Int64, field: String) throws(DomainViolation) -> Int64 {
        guard kbps > 0, kbps <= maximumKbps else { throw NetworkViolation.bandwidthInvalid.on(field) }
        return kbps
    }

    /// Prefixes, each checked and normalised, without repeats.
    public static func addresses(_ texts: [String], field: String = "addresses") throws(DomainViolation) -> [IPPrefix] {
        guard texts.count <= maximumAddresses else { throw NetworkViolation.tooManyAddresses.on(field) }
        var prefixes: [IPPrefix] = []
        for text in texts {
            guard let prefix = IPPrefix(text) else { throw NetworkViolation.addressInvalid(text).on(field) }
            if !prefixes.contains(prefix) { prefixes.append(prefix) }
        }
        return prefixes
    }
}
