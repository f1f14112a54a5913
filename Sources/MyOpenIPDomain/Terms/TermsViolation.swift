/// The rules of publishing and withdrawing versions of the terms of use or the sales conditions
/// that a request can break.
public enum TermsViolation {
    public static let beforeInForce = DomainViolation(
        reason: "TERMS_BEFORE_IN_FORCE",
        message: "La date d'application doit être postérieure à celle de la version en vigueur",
        field: "effective_at", kind: .refusedInThisState)

    public static let alreadyInForce = DomainViolation(
        reason: "TERMS_ALREADY_IN_FORCE",
        message: "Cette version est déjà entrée en vigueur : elle ne peut plus être retirée",
        field: "version", kind: .refusedInThisState)

    /// A version number that names no version (said of the terms of use: see ``notFound(_:)``).
    public static let notFound = notFound(.termsOfUse)

    /// A version number that names no version, said of `document`.
    public static func notFound(_ document: TermsDocument) -> DomainViolation {
        DomainViolation(
            reason: "TERMS_NOT_FOUND", message: "Cette version des \(document.name) n'existe pas", field: "version",
            kind: .notFound)
    }

    /// No version of `document` is in force.
    public static func noneInForce(_ document: TermsDocument) -> DomainViolation {
        DomainViolation(
            reason: "TERMS_NOT_FOUND", message: "Aucune version des \(document.name) n'est en vigueur", field: "version",
            kind: .notFound)
    }

    /// AcceptTerms takes the terms of use only: the sales conditions are accepted by placing an order.
    public static let documentNotAcceptable = DomainViolation(
        reason: "TERMS_DOCUMENT_INVALID", message: "Les conditions générales de vente s'acceptent en passant une commande",
        field: "document")
}
