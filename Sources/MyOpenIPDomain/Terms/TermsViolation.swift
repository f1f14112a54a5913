/// The rules of publishing terms of use that a request can break.
public enum TermsViolation {
    public static let olderThanLatest = DomainViolation(
        reason: "TERMS_OLDER_THAN_LATEST",
        message: "La date d'application doit être postérieure à celle de la dernière version publiée",
        field: "effective_at", kind: .refusedInThisState)
}
