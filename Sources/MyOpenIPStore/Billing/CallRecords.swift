import MyOpenIPDomain

/// A call detail record as the voice platform sends it.
public struct CallRecordInput: Sendable, Hashable {
    public var startedAt: Timestamp
    public var durationSeconds: Int64
    public var callingNumber: String
    public var calledNumber: String
    public var destination: DestinationClass
    public var offerReference: String

    public init(
        startedAt: Timestamp, durationSeconds: Int64, callingNumber: String, calledNumber: String,
        destination: DestinationClass, offerReference: String
    ) {
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.callingNumber = callingNumber
        self.calledNumber = calledNumber
        self.destination = destination
        self.offerReference = offerReference
    }
}

/// What importing a batch of call records did.
public struct CallImportOutcome: Sendable, Hashable {
    public struct Unrated: Sendable, Hashable {
        public var index: Int
        public var reason: String
    }

    public var batchID: String
    /// The batch was imported before: nothing was added.
    public var alreadyImported: Bool
    public var imported: Int
    public var rated: Int
    public var unrated: [Unrated]
}

/// A call record as billing keeps it, rated or not, billed or not.
public struct CallRecordRow: Sendable, Hashable {
    public var id: Int64
    public var batchID: String
    public var startedAt: Timestamp
    public var durationSeconds: Int64
    public var callingNumber: String
    public var calledNumber: String
    public var destination: DestinationClass
    public var offerReference: String
    public var companyReference: String?
    public var billedSeconds: Int64?
    public var priceMillicents: Int64?
    public var unratedReason: String?
    public var invoiceNumber: String?
}

/// Which call records a list returns.
public struct CallRecordFilter: Sendable, Hashable {
    public var company: CompanyReference?
    public var offerReference: String?
    public var month: BillingMonth?
    public var invoice: DocumentNumber?
    public var unratedOnly: Bool

    public init(
        company: CompanyReference? = nil, offerReference: String? = nil, month: BillingMonth? = nil,
        invoice: DocumentNumber? = nil, unratedOnly: Bool = false
    ) {
        self.company = company
        self.offerReference = offerReference
        self.month = month
        self.invoice = invoice
        self.unratedOnly = unratedOnly
    }
}
