import Foundation

/// The checked content of a new account: a display name, an email, a kind, and the company of
/// partner and client users.
public struct AccountDraft: Sendable, Hashable {
    public static let maximumDisplayNameLength = 100

    public let displayName: String
    public let email: EmailAddress
    public let kind: AccountKind
    public let company: CompanyReference?

    /// Checks each field, in the order of the form; throws the first rule broken.
    public init(displayName: String, email: String, kind: AccountKind?, companyReference: String) throws(DomainViolation) {
        let name = try Self.checkedDisplayName(displayName)
        let email = try EmailAddress(email)
        guard let kind else {
            throw DomainViolation(reason: "ACCOUNT_KIND_REQUIRED", message: "Le type de compte est obligatoire", field: "kind")
        }
        let reference = companyReference.trimmingCharacters(in: .whitespacesAndNewlines)
        var company: CompanyReference?
        if kind.belongsToCompany {
            guard !reference.isEmpty else {
                throw DomainViolation(
                    reason: "COMPANY_REFERENCE_REQUIRED",
                    message: "La référence de la société est obligatoire pour un utilisateur de société",
                    field: "company_reference")
            }
            company = try CompanyReference(reference)
        } else if !reference.isEmpty {
            throw DomainViolation(
                reason: "COMPANY_REFERENCE_NOT_ALLOWED",
                message: "Un compte du personnel OpenIP n'est rattaché à aucune société", field: "company_reference")
        }
        self.displayName = name
        self.email = email
        self.kind = kind
        self.company = company
    }

    /// A person's name as an account keeps it: trimmed, one line of 100 characters at most.
    public static func checkedDisplayName(_ displayName: String) throws(DomainViolation) -> String {
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw DomainViolation(reason: "DISPLAY_NAME_REQUIRED", message: "Le nom est obligatoire", field: "display_name")
        }
        guard name.count <= maximumDisplayNameLength, !name.contains(where: \.isNewline) else {
            throw DomainViolation(
                reason: "DISPLAY_NAME_INVALID",
                message: "Le nom doit tenir sur une ligne de 100 caractères au plus", field: "display_name")
        }
        return name
    }
}
