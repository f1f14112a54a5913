import MyOpenIPDomain

/// One stored company.
public struct CompanyRecord: Sendable, Hashable {
    public var id: Int64
    public var reference: CompanyReference
    public var kind: CompanyKind
    /// The partner this client company belongs to, if any.
    public var partnerReference: String?
    public var state: CompanyState
    public var profile: CompanyProfile
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    /// The facts an audit event keeps of the company, to show what an update changed.
    var auditFacts: [String: String] {
        [
            "state": state.rawValue, "name": profile.name, "siren": profile.siren.description,
            "legal_status": profile.legalStatus.rawValue, "comment": profile.comment, "website": profile.website,
            "financial_situation": profile.financialSituation.rawValue, "guarantee_type": profile.guaranteeType.rawValue,
            "mail_commercial": profile.mails.commercial?.description ?? "",
            "mail_technical": profile.mails.technical?.description ?? "",
            "mail_sales_administration": profile.mails.salesAdministration?.description ?? "",
            "mail_administrative": profile.mails.administrative?.description ?? "",
        ]
    }
}
