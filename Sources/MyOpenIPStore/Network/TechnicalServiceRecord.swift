import MyOpenIPDomain

/// A technical service as read: its contracted offer, its parameters and its state in force.
public struct TechnicalServiceRecord: Sendable, Hashable {
    /// The contracted offer's id.
    public var id: Int64
    public var reference: String
    public var name: String
    public var offeringCode: String
    public var category: OfferingCategory
    public var kind: TechnicalServiceKind
    public var companyID: Int64
    public var companyReference: String
    public var companyName: String
    public var city: String
    public var offerState: ContractedOfferState
    /// Set for a data link.
    public var link: LinkParameters?
    /// Set for a voice trunk.
    public var voiceTrunk: VoiceTrunkParameters?
    public var status: LinkStatus
    public var parametersUpdatedAt: Timestamp?
    /// A data link's latest sample, in Unix seconds.
    public var lastSampleAt: Int64?

    /// The offer states in which a service is on the network: shown, reported on, measured.
    public static let inService: [ContractedOfferState] = [.pendingActive, .active, .suspended, .pendingTerminate]
}

/// Which technical services a list shows.
public struct TechnicalServiceFilter: Sendable, Hashable {
    public var company: CompanyReference?
    public var kind: TechnicalServiceKind?
    public var state: LinkState?

    public init(company: CompanyReference? = nil, kind: TechnicalServiceKind? = nil, state: LinkState? = nil) {
        self.company = company
        self.kind = kind
        self.state = state
    }
}

/// A change of state as watchers get it.
public struct LinkStateEvent: Sendable, Hashable {
    public var serviceID: Int64
    public var companyID: Int64
    public var reference: String
    public var companyReference: String
    public var status: LinkStatus

    public init(serviceID: Int64, companyID: Int64, reference: String, companyReference: String, status: LinkStatus) {
        self.serviceID = serviceID
        self.companyID = companyID
        self.reference = reference
        self.companyReference = companyReference
        self.status = status
    }
}

/// One report of a collector's batch, by its place in the batch.
public struct NetworkReport<Value: Sendable>: Sendable {
    public var index: Int
    public var reference: String
    public var value: Value

    public init(index: Int, reference: String, value: Value) {
        self.index = index
        self.reference = reference
        self.value = value
    }
}

/// A report refused, and why (an error only to travel in a `Result`).
public struct RejectedNetworkReport: Error, Sendable, Hashable {
    public var index: Int
    public var reference: String
    public var violation: DomainViolation

    public init(index: Int, reference: String, violation: DomainViolation) {
        self.index = index
        self.reference = reference
        self.violation = violation
    }
}

/// What a batch of state reports did.
public struct StateReportOutcome: Sendable, Hashable {
    public var changed = 0
    public var repeated = 0
    public var stale = 0
    public var rejected: [RejectedNetworkReport] = []

    public init() {}
}

/// What a batch of traffic samples did.
public struct TrafficIngestOutcome: Sendable, Hashable {
    public var accepted = 0
    public var duplicates = 0
    public var rejected: [RejectedNetworkReport] = []

    public init() {}
}
