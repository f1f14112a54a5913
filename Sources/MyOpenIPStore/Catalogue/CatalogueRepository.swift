import MyOpenIPDomain

/// Which offerings a list returns.
public struct OfferingFilter: Sendable, Hashable {
    public var category: OfferingCategory?
    public var includeRetired: Bool

    public init(category: OfferingCategory? = nil, includeRetired: Bool = false) {
        self.category = category
        self.includeRetired = includeRetired
    }
}

/// The catalogue of offerings. Each write is one transaction with its audit event.
public protocol CatalogueRepository: Sendable {
    /// Offerings, oldest first.
    func offerings(_ filter: OfferingFilter, page: PageRequest) async throws -> Page<OfferingRecord>
    func offering(code: String) async throws -> OfferingRecord?
    /// A new offering; its code must be free, and the offering it upgrades must exist.
    func create(_ draft: OfferingDraft, context: AuditContext, at now: Timestamp) async throws -> OfferingRecord
    /// Changes an offering on sale: `change` makes the new draft from the current one. A retired
    /// offering cannot change; an unknown code is ``CatalogueViolation/unknownOffering``.
    func update(
        code: String, _ change: @escaping @Sendable (OfferingDraft) throws -> OfferingDraft, context: AuditContext,
        at now: Timestamp
    ) async throws -> OfferingRecord
    /// The offering is no longer sold (retiring it again changes nothing); an unknown code is
    /// ``CatalogueViolation/unknownOffering``.
    func retire(code: String, context: AuditContext, at now: Timestamp) async throws -> OfferingRecord
}

/// What the catalogue refuses, in the portal's words.
public enum CatalogueViolation {
    public static func codeTaken(_ code: String) -> DomainViolation {
        DomainViolation(
            reason: "OFFERING_CODE_TAKEN", message: "Une offre du catalogue porte déjà le code \(code)", field: "code",
            kind: .alreadyExists)
    }

    public static let unknownOffering = DomainViolation(
        reason: "OFFERING_NOT_FOUND", message: "Cette offre n'existe pas dans le catalogue", field: "code", kind: .notFound)

    public static let unknownUpgradedOffering = DomainViolation(
        reason: "UPGRADE_OF_UNKNOWN", message: "L'offre mise à niveau n'existe pas dans le catalogue", field: "upgrade_of")

    public static let retired = DomainViolation(
        reason: "OFFERING_RETIRED", message: "Cette offre n'est plus commercialisée", field: "code",
        kind: .refusedInThisState)
}
