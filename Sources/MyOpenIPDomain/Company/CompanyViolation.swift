/// The rules of company records that a request can break.
public enum CompanyViolation {
    public static let sirenTaken = DomainViolation(
        reason: "SIREN_TAKEN", message: "Une société existe déjà avec ce numéro SIREN", field: "siren", kind: .alreadyExists)
    public static let unknownCompany = DomainViolation(
        reason: "COMPANY_NOT_FOUND", message: "Cette société n'existe pas", field: "company_reference", kind: .notFound)
    public static let unknownPartner = DomainViolation(
        reason: "PARTNER_NOT_FOUND", message: "Ce partenaire n'existe pas", field: "partner_reference", kind: .notFound)
    public static let partnerOfPartner = DomainViolation(
        reason: "PARTNER_NOT_ALLOWED", message: "Seule une société cliente peut dépendre d'un partenaire",
        field: "partner_reference", kind: .refusedInThisState)
}
