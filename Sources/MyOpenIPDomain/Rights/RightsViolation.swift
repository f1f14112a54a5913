/// The rules of access rights that a request can break.
public enum RightsViolation {
    public static let nameTaken = DomainViolation(
        reason: "RIGHT_NAME_TAKEN", message: "Un droit de ce nom existe déjà dans la société", field: "name",
        kind: .alreadyExists)
    public static let unknownRight = DomainViolation(
        reason: "RIGHT_NOT_FOUND", message: "Ce droit n'existe pas dans la société de l'utilisateur", field: "right_ids",
        kind: .notFound)
    public static let accountWithoutCompany = DomainViolation(
        reason: "ACCOUNT_WITHOUT_COMPANY", message: "Ce compte n'appartient à aucune société", field: "login",
        kind: .refusedInThisState)
}

extension RightsViolation {
    public static let mainRight = DomainViolation(
        reason: "MAIN_RIGHT", message: "Les droits principaux ne peuvent être ni modifiés ni supprimés", field: "id",
        kind: .refusedInThisState)
    public static let unknownCustomRight = DomainViolation(
        reason: "RIGHT_NOT_FOUND", message: "Ce droit n'existe pas", field: "id", kind: .notFound)
    /// A right is for one of the company's own sites.
    public static let unknownSite = DomainViolation(
        reason: "RIGHT_SITE_NOT_FOUND", message: "Ce site n'existe pas dans la société", field: "site", kind: .notFound)
    /// A permission the caller does not hold: nobody gives or takes away what they do not have.
    public static let permissionNotHeld = DomainViolation(
        reason: "PERMISSION_NOT_HELD", message: "Vous ne pouvez pas donner ou retirer une permission que vous n'avez pas",
        kind: .notAllowed)
    /// Nobody changes their own rights, so that nobody raises their own.
    public static let ownRights = DomainViolation(
        reason: "OWN_RIGHTS", message: "Vous ne pouvez pas modifier vos propres droits", kind: .refusedInThisState)
}
