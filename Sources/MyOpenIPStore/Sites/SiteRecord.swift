import MyOpenIPDomain

/// One stored site of a company.
public struct SiteRecord: Sendable, Hashable {
    public var id: Int64
    public var companyReference: String
    var companyID: Int64
    public var isHeadOffice: Bool
    public var site: SiteDraft
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
}

/// One stored contact of a company's directory.
public struct ContactRecord: Sendable, Hashable {
    public var id: Int64
    public var companyReference: String
    var companyID: Int64
    public var siteID: Int64?
    public var siteName: String?
    public var contact: ContactDraft
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
}
