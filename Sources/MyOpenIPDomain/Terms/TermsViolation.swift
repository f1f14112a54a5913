/// The rules of publishing and withdrawing terms of use that a request can break.
public enum TermsViolation {
    public static let beforeInForce = DomainViolation(
        reason: "TERMS_BEFORE_IN_FORCE",
        message: "La date d'application doit être postérieure à celle de la version en vigueur",
        field: "effective_at", kind: .refusedInThisState)

    public static let alreadyInForce = DomainViolation(
        reason: "TERMS_ALREADY_IN_FORCE",
        message: "Cette version est déjà entrée en vigueur : elle ne peut plus être retirée",
        field: "version", kind: .refusedInThisState)

    public static let notFound = DomainViolation(
        reason: "TERMS_NOT_FOUND", message: "Cette version des conditions d'utilisation n'existe pas", field: "version",
        kind: .notFound)
}
