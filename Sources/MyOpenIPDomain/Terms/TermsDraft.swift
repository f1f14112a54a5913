import Foundation

/// The checked content of a new version of the terms of use.
public struct TermsDraft: Sendable, Hashable {
    public static let maximumTitleLength = 200
    public static let maximumTextBytes = 1 << 20

    public let title: String
    public let text: String
    public let effectiveAt: Timestamp

    public static let effectiveDateInvalid = DomainViolation(
        reason: "TERMS_EFFECTIVE_DATE_INVALID",
        message: "La date d'application doit être au format AAAA-MM-JJ ou ISO-8601", field: "effective_at")

    /// Checks the fields; a nil `effectiveAt` means `now`.
    public init(title: String, text: String, effectiveAt: Timestamp?, now: Timestamp) throws(DomainViolation) {
        try self.init(title: title, text: text, effectiveAt: .success(effectiveAt), now: now)
    }

    /// Checks the fields, the effective date given as ISO-8601 text (a date or a date and time);
    /// an empty one means `now`.
    public init(title: String, text: String, effectiveAt: String, now: Timestamp) throws(DomainViolation) {
        let effective: Result<Timestamp?, DomainViolation>
        if effectiveAt.trimmingCharacters(in: .whitespaces).isEmpty {
            effective = .success(nil)
        } else if let parsed = Timestamp(parsing: effectiveAt) {
            effective = .success(parsed)
        } else {
            effective = .failure(Self.effectiveDateInvalid)
        }
        try self.init(title: title, text: text, effectiveAt: effective, now: now)
    }

    /// The title, then the text, then the date: the first broken rule is the one reported.
    private init(
        title: String, text: String, effectiveAt: Result<Timestamp?, DomainViolation>, now: Timestamp
    ) throws(DomainViolation) {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= Self.maximumTitleLength else {
            throw DomainViolation(
                reason: "TERMS_TITLE_INVALID", message: "Le titre est obligatoire (200 caractères au plus)", field: "title")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, text.utf8.count <= Self.maximumTextBytes else {
            throw DomainViolation(
                reason: "TERMS_TEXT_INVALID", message: "Le texte est obligatoire (1 Mio au plus)", field: "text")
        }
        self.effectiveAt = try effectiveAt.get() ?? now
        self.title = title
        self.text = text
    }
}
