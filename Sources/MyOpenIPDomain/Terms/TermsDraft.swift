import Foundation

/// The checked content of a new version of the terms of use.
public struct TermsDraft: Sendable, Hashable {
    public static let maximumTitleLength = 200
    public static let maximumTextBytes = 1 << 20

    public let title: String
    public let text: String
    public let effectiveAt: Timestamp

    /// Checks the fields; an empty `effectiveAt` means `now`.
    public init(title: String, text: String, effectiveAt: String, now: Timestamp) throws(DomainViolation) {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= Self.maximumTitleLength else {
            throw DomainViolation(
                reason: "TERMS_TITLE_INVALID", message: "Le titre est obligatoire (200 caractères au plus)", field: "title")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, text.utf8.count <= Self.maximumTextBytes else {
            throw DomainViolation(
                reason: "TERMS_TEXT_INVALID", message: "Le texte est obligatoire (1 Mio au plus)", field: "text")
        }
        if effectiveAt.trimmingCharacters(in: .whitespaces).isEmpty {
            self.effectiveAt = now
        } else if let parsed = Timestamp(parsing: effectiveAt) {
            self.effectiveAt = parsed
        } else {
            throw DomainViolation(
                reason: "TERMS_EFFECTIVE_DATE_INVALID",
                message: "La date d'application doit être au format AAAA-MM-JJ ou ISO-8601", field: "effective_at")
        }
        self.title = title
        self.text = text
    }
}
