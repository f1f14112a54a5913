import MyOpenIPDomain

/// One published version of the terms of use or of the sales conditions.
public struct TermsRecord: Sendable, Hashable {
    public var version: Int64
    /// The document it is a version of.
    public var document: TermsDocument
    public var title: String
    public var text: String
    public var effectiveAt: Timestamp
    public var publishedAt: Timestamp
    public var publishedBy: String
    /// Set when it was withdrawn before its effective date.
    public var withdrawnAt: Timestamp? = nil
    public var withdrawnBy: String? = nil

    /// Where the version stands at `now`, given the version in force of its document.
    public func state(inForce: Int64?, at now: Timestamp) -> TermsVersionState {
        if withdrawnAt != nil { return .withdrawn }
        if version == inForce { return .inForce }
        return effectiveAt > now ? .scheduled : .superseded
    }
}
