/// The rules of sites and contacts that a request can break.
public enum SiteViolation {
    public static let unknownSite = DomainViolation(
        reason: "SITE_NOT_FOUND", message: "Ce site n'existe pas", field: "site_id", kind: .notFound)
    public static let nameTaken = DomainViolation(
        reason: "SITE_NAME_TAKEN", message: "Un site de ce nom existe déjà dans la société", field: "name",
        kind: .alreadyExists)
    public static let headOffice = DomainViolation(
        reason: "HEAD_OFFICE", message: "Le siège social ne peut pas être supprimé", field: "site_id",
        kind: .refusedInThisState)
    public static let headOfficeName = DomainViolation(
        reason: "HEAD_OFFICE_NAME", message: "Le siège social garde le nom « Siège Social »", field: "name",
        kind: .refusedInThisState)
    /// A site a custom right is for: deleting it would widen the right to every site.
    public static func usedByRight(_ right: String) -> DomainViolation {
        DomainViolation(
            reason: "SITE_USED_BY_RIGHT",
            message: "Ce site est celui du droit « \(right) » : modifiez ou supprimez ce droit avant de supprimer le site",
            field: "site_id", kind: .refusedInThisState)
    }
    /// A site with a contracted offer that lives (neither terminated nor cancelled).
    public static func usedByContractedOffer(_ offer: String) -> DomainViolation {
        DomainViolation(
            reason: "SITE_USED_BY_CONTRACTED_OFFER",
            message:
                "Ce site accueille l'offre contractée \(offer) : il ne peut pas être supprimé tant qu'elle n'est pas résiliée",
            field: "site_id", kind: .refusedInThisState)
    }
    public static let unknownContact = DomainViolation(
        reason: "CONTACT_NOT_FOUND", message: "Ce contact n'existe pas", field: "contact_id", kind: .notFound)
}
