import MyOpenIPDomain

/// A step of one contracted offer's delivery, by operator staff or a provisioning system.
public struct OfferStep: Sendable, Hashable {
    public var reference: String
    public var target: ContractedOfferState
    public var reason: String
    /// For a delivery: the day; today when nil.
    public var deliveredOn: CivilDate?

    public init(reference: String, target: ContractedOfferState, reason: String, deliveredOn: CivilDate? = nil) {
        self.reference = reference
        self.target = target
        self.reason = reason
        self.deliveredOn = deliveredOn
    }
}

/// A confirmed termination as stored.
public struct TerminationRecord: Sendable, Hashable {
    public var quote: TerminationQuote
    public var requestedAt: Timestamp
    public var requestedBy: String
    public var state: ContractedOfferState
}

/// The life of orders and contracted offers after placement: delivery steps, the client's
/// cancellation, terminations. Each change is one transaction with its history, audit event
/// and mails; once durable, its changes go to the store's ``OrderChangeFeed`` in commit order.
public protocol OrderLifecycleRepository: Sendable {
    /// Names the pilot: the display name of an active operator staff account `login`, or none.
    func assignPilot(
        order: String, login: String?, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> OrderRecord
    func advanceOrder(
        _ order: String, to target: OrderState, reason: String, in scope: CompanyScope, context: AuditContext,
        at now: Timestamp
    ) async throws -> OrderRecord
    func markPointOfNoReturn(
        _ order: String, reason: String, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> OrderRecord
    /// Moves one offer; returns its order as it now is.
    func advanceOffer(_ step: OfferStep, in scope: CompanyScope, context: AuditContext, at now: Timestamp) async throws
        -> OrderRecord
    /// The client cancels the order, or the offers `offers` of it (all when empty).
    func cancel(
        _ order: String, offers: [String], reason: String, in scope: CompanyScope, context: AuditContext,
        at now: Timestamp
    ) async throws -> OrderRecord

    /// The terms of terminating the offer `reference` (with its live options) at `desiredDate`,
    /// asked on `requestDate`. Writes nothing.
    func terminationQuote(
        offer reference: String, requestDate: CivilDate, desiredDate: CivilDate, in scope: CompanyScope
    ) async throws -> TerminationQuote
    /// Confirms a termination: computes the terms again in the transaction, lets `confirm`
    /// refuse them (when they differ from the dry run the client saw), then moves the offer and
    /// its options to pendingTerminate, for good.
    func terminate(
        offer reference: String, requestDate: CivilDate, desiredDate: CivilDate, reason: String, in scope: CompanyScope,
        context: AuditContext, at now: Timestamp, confirm: @escaping @Sendable (TerminationQuote) throws -> Void
    ) async throws -> TerminationRecord
    /// The confirmed termination of the offer `reference`, if any.
    func termination(offer reference: String, in scope: CompanyScope) async throws -> TerminationRecord?
    /// Refuses a company outside `scope` as one that does not exist (NOT_FOUND).
    func checkVisible(_ company: CompanyReference, in scope: CompanyScope) async throws
    /// Terminates the offers whose termination takes effect on or before `today`; returns how many.
    func completeTerminations(dueBy today: CivilDate, context: AuditContext, at now: Timestamp) async throws -> Int
}
