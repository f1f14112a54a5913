/// The rules of company records that a request can break.
public enum CompanyViolation {
    public static let sirenTaken = DomainViolation(
        reason: "SIREN_TAKEN", message: "Une société existe déjà avec ce numéro SIREN", field: "siren", kind: .alreadyExists)
    public static let unknownCompany = DomainViolation(
        reason: "COMPANY_NOT_FOUND", message: "Cette société n'existe pas", field: "company_reference", kind: .notFound)
    public static let unknownPartner = DomainViolation(
        reason: "PARTNER_NOT_FOUND", message: "Ce partenaire n'existe pas", field: "partner_reference", kind: .notFound)
    /// The account's company is closed: its users no longer sign in, and their sessions end.
    public static let companyClosed = DomainViolation(
        reason: "COMPANY_CLOSED",
        message: "L'accès à MyOpenIP de votre société est fermé. Contactez OpenIP pour le rétablir.", kind: .notSignedIn)
    /// The account's company is suspended: its users read, but do not change anything.
    public static let companySuspended = DomainViolation(
        reason: "COMPANY_SUSPENDED",
        message: "Votre société est suspendue : vous pouvez consulter MyOpenIP, mais pas y faire de modification.",
        kind: .refusedInThisState)
    public static let partnerOfPartner = DomainViolation(
        reason: "PARTNER_NOT_ALLOWED", message: "Seule une société cliente peut dépendre d'un partenaire",
        field: "partner_reference", kind: .refusedInThisState)
}
