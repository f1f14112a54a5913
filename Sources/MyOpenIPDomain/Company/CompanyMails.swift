/// The four addresses a company gives for mails by category, each optional.
public struct CompanyMails: Sendable, Hashable {
    public var commercial: EmailAddress?
    public var technical: EmailAddress?
    public var salesAdministration: EmailAddress?
    public var administrative: EmailAddress?

    public init(
        commercial: EmailAddress? = nil, technical: EmailAddress? = nil,
        salesAdministration: EmailAddress? = nil, administrative: EmailAddress? = nil
    ) {
        self.commercial = commercial
        self.technical = technical
        self.salesAdministration = salesAdministration
        self.administrative = administrative
    }

    /// Checks each non-empty address; the field of the first invalid one is named.
    public init(commercial: String, technical: String, salesAdministration: String, administrative: String)
        throws(DomainViolation)
    {
        func address(_ text: String, _ field: String) throws(DomainViolation) -> EmailAddress? {
            guard !text.allSatisfy(\.isWhitespace) else { return nil }
            do {
                return try EmailAddress(text)
            } catch {
                throw DomainViolation(reason: error.reason, message: error.message, field: "mails." + field)
            }
        }
        self.commercial = try address(commercial, "commercial")
        self.technical = try address(technical, "technical")
        self.salesAdministration = try address(salesAdministration, "sales_administration")
        self.administrative = try address(administrative, "administrative")
    }
}
