import Foundation

/// The checked content of a company's record ("Ma société"): what is given when it is created
/// and changed when it is edited.
public struct CompanyProfile: Sendable, Hashable {
    public static let maximumNameLength = 200
    public static let maximumCommentLength = 2000

    /// The raison sociale.
    public var name: String
    /// What lists sorted by name sort on: the name without case.
    public var nameKey: String { name.lowercased() }
    public var siren: Siren
    public var legalStatus: LegalStatus
    public var comment: String
    /// An http(s) address, or empty.
    public var website: String
    public var financialSituation: FinancialSituation
    public var guaranteeType: GuaranteeType
    public var mails: CompanyMails

    public init(
        name: String, siren: Siren, legalStatus: LegalStatus, comment: String = "", website: String = "",
        financialSituation: FinancialSituation = .healthy, guaranteeType: GuaranteeType = .none,
        mails: CompanyMails = CompanyMails()
    ) {
        self.name = name
        self.siren = siren
        self.legalStatus = legalStatus
        self.comment = comment
        self.website = website
        self.financialSituation = financialSituation
        self.guaranteeType = guaranteeType
        self.mails = mails
    }

    /// Checks the free-text fields of a profile in the order of the form.
    public static func checked(
        name: String, siren: String, legalStatus: String, comment: String, website: String,
        financialSituation: FinancialSituation?, guaranteeType: GuaranteeType?, mails: CompanyMails
    ) throws(DomainViolation) -> CompanyProfile {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw DomainViolation(reason: "COMPANY_NAME_REQUIRED", message: "La raison sociale est obligatoire", field: "name")
        }
        guard name.count <= maximumNameLength, !name.contains(where: \.isNewline) else {
            throw DomainViolation(
                reason: "COMPANY_NAME_INVALID", message: "La raison sociale doit tenir sur une ligne de 200 caractères au plus",
                field: "name")
        }
        let siren = try Siren(siren)
        guard let status = LegalStatus(rawValue: legalStatus.trimmingCharacters(in: .whitespaces).uppercased()) else {
            throw DomainViolation(
                reason: "LEGAL_STATUS_INVALID",
                message: "Le statut juridique doit être l'un de : "
                    + LegalStatus.allCases.map(\.rawValue).joined(separator: ", "),
                field: "legal_status")
        }
        guard comment.count <= maximumCommentLength else {
            throw DomainViolation(
                reason: "COMMENT_TOO_LONG", message: "Le commentaire ne doit pas dépasser 2000 caractères", field: "comment")
        }
        let website = website.trimmingCharacters(in: .whitespaces)
        if !website.isEmpty {
            guard website.count <= 255, let url = URL(string: website),
                ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                let host = url.host, host.contains(".")
            else {
                throw DomainViolation(
                    reason: "WEBSITE_INVALID", message: "Le site web doit être une adresse http:// ou https://", field: "website")
            }
        }
        return CompanyProfile(
            name: name, siren: siren, legalStatus: status, comment: comment, website: website,
            financialSituation: financialSituation ?? .healthy, guaranteeType: guaranteeType ?? .none, mails: mails)
    }
}
