/// The orders of a company list. Both are keyset-paginated on an index, so a page costs the same
/// however deep it is and however many companies there are.
public enum CompanyOrder: Sendable, Hashable {
    /// By reference (creation order).
    case reference
    /// By name (without case), then reference.
    case name
}

/// Where the next page of a company list starts: after this company (and, by name, this name).
public struct CompanyCursor: Sendable, Hashable {
    public var id: Int64
    /// The lower-cased name of the last company, for the name order.
    public var nameKey: String?

    public init(id: Int64, nameKey: String? = nil) {
        self.id = id
        self.nameKey = nameKey
    }
}

/// One page of a company list and where the next one starts (nil on the last page).
public struct CompanyPage: Sendable {
    public var items: [CompanyRecord]
    public var next: CompanyCursor?
}
