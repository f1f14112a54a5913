import MyOpenIPDomain

/// The technical services, their states and traffic. Reads take the caller's company scope: a
/// service outside it is not found.
public protocol NetworkRepository: Sendable {
    func services(_ filter: TechnicalServiceFilter, in scope: CompanyScope, page: PageRequest) async throws
        -> Page<TechnicalServiceRecord>
    /// A service in service of the scope, by its offer's reference; nil when there is none.
    func service(reference: String, in scope: CompanyScope) async throws -> TechnicalServiceRecord?

    /// Changes a data link's parameters with `change`, audited; NOT_FOUND or refused in the
    /// wrong kind or state.
    func updateLink(
        reference: String, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout LinkParameters) throws -> Void
    ) async throws -> TechnicalServiceRecord
    func updateVoiceTrunk(
        reference: String, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout VoiceTrunkParameters) throws -> Void
    ) async throws -> TechnicalServiceRecord

    /// The states in force of the services of the scope, of one company, or one service.
    func states(reference: String?, company: CompanyReference?, in scope: CompanyScope) async throws -> [LinkStateEvent]

    /// The ids of the companies of the scope, or of one of them (NOT_FOUND outside it).
    func companyIDs(company: CompanyReference?, in scope: CompanyScope) async throws -> Set<Int64>

    /// Applies a batch of state reports in order; the changes go to the feed once durable.
    func reportStates(_ reports: [NetworkReport<LinkStatus>], at now: Timestamp) async throws -> StateReportOutcome
    /// Keeps a batch of 5-minute samples (each checked already), marks their links for roll-up.
    func ingest(_ samples: [NetworkReport<TrafficSample>], now: Int64) async throws -> TrafficIngestOutcome

    /// The buckets of one service at `tier` whose start is in `from..<to`, oldest first.
    func traffic(serviceID: Int64, tier: TrafficTier, from: Int64, to: Int64) async throws -> [TrafficAggregate]

    /// Rolls up the samples of up to `limit` links marked since their last roll-up and prunes
    /// what each tier no longer keeps; returns how many links it did.
    func rollUp(limit: Int, now: Int64) async throws -> Int
    /// Prunes the buckets older than their tier keeps for up to `limit` services after
    /// `after` (by id); returns the last id done, nil at the end.
    func prune(after: Int64, limit: Int, now: Int64) async throws -> Int64?
}
