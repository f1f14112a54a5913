import MyOpenIPDomain

/// One published version of the terms of use.
public struct TermsRecord: Sendable, Hashable {
    public var version: Int64
    public var title: String
    public var text: String
    public var effectiveAt: Timestamp
    public var publishedAt: Timestamp
    public var publishedBy: String
}
