import MyOpenIPDomain

/// An offering of the catalogue as stored.
public struct OfferingRecord: Sendable, Hashable {
    public var id: Int64
    public var draft: OfferingDraft
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// Set once it is no longer sold.
    public var retiredAt: Timestamp?

    public var isOnSale: Bool { retiredAt == nil }
}
