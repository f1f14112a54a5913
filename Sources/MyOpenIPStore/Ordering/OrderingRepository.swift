import MyOpenIPDomain

/// Which quotes a list returns.
public struct QuoteFilter: Sendable, Hashable {
    public var company: CompanyReference?
    public var state: QuoteState?

    public init(company: CompanyReference? = nil, state: QuoteState? = nil) {
        self.company = company
        self.state = state
    }
}

/// Which orders a list returns.
public struct OrderFilter: Sendable, Hashable {
    public var company: CompanyReference?
    public var state: OrderState?
    /// Orders with a product on this site.
    public var siteID: Int64?
    /// Words of the reference, the client's name or an offer's name.
    public var text: String?

    public init(company: CompanyReference? = nil, state: OrderState? = nil, siteID: Int64? = nil, text: String? = nil) {
        self.company = company
        self.state = state
        self.siteID = siteID
        self.text = text
    }
}

/// Which contracted offers a list returns.
public struct ContractedOfferFilter: Sendable, Hashable {
    public var company: CompanyReference?
    public var state: ContractedOfferState?
    public var siteID: Int64?
    public var category: OfferingCategory?
    /// Words of the reference, the name, the city or the client's name.
    public var text: String?

    public init(
        company: CompanyReference? = nil, state: ContractedOfferState? = nil, siteID: Int64? = nil,
        category: OfferingCategory? = nil, text: String? = nil
    ) {
        self.company = company
        self.state = state
        self.siteID = siteID
        self.category = category
        self.text = text
    }
}

/// Who a contact added to a quote is.
public enum QuoteContactChoice: Sendable, Hashable {
    /// A contact of the client's directory, or of its partner's.
    case directory(Int64)
    /// A contact for this quote only.
    case adHoc(QuoteContactPerson)
}

/// A user of a client company who may validate an order: an active account holding orders.manage.
public struct OrderValidator: Sendable, Hashable {
    public var accountID: Int64
    public var login: String
    public var displayName: String
    public var email: String
}

/// What submitting a quote writes for one validator: the digest of its link's token, and the mail.
public struct ValidationLinkMail: Sendable {
    public var tokenDigest: String
    public var mail: OutgoingMail

    public init(tokenDigest: String, mail: OutgoingMail) {
        self.tokenDigest = tokenDigest
        self.mail = mail
    }
}

/// The user of a client company who places or refuses an order.
public struct OrderingClient: Sendable, Hashable {
    public var accountID: Int64
    public var companyReference: String

    public init(accountID: Int64, companyReference: String) {
        self.accountID = accountID
        self.companyReference = companyReference
    }
}

/// Quotes, orders and contracted offers, seen through a company scope (another tenant's object
/// does not exist). Each change is one transaction with its audit event and its mails.
public protocol OrderingRepository: Sendable {
    /// A new, empty quote for the client company `company` of `scope`.
    func createQuote(
        company: CompanyReference, in scope: CompanyScope, enteredForClient: Bool, validUntil: Timestamp,
        context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord
    func quote(_ id: Int64, in scope: CompanyScope) async throws -> QuoteRecord?
    /// Quotes, newest first.
    func quotes(_ filter: QuoteFilter, in scope: CompanyScope, page: PageRequest) async throws -> Page<QuoteRecord>

    /// Adds a product: the offering `offeringCode` on sale, the site `siteID` of the quote's
    /// company, or for an upgrade the active contracted offer `upgrading` of the quote's company
    /// (its site is the offer's); `check` makes the item from the offering, or refuses it.
    func addItem(
        to quoteID: Int64, in scope: CompanyScope, offeringCode: String, siteID: Int64, upgrading: String?,
        context: AuditContext,
        at now: Timestamp, check: @escaping @Sendable (OfferingDraft) throws -> QuoteItemDraft
    ) async throws -> QuoteRecord
    func removeItem(
        _ number: Int, from quoteID: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord
    func addContact(
        _ contact: QuoteContactChoice, functions: Set<ContactFunction>, to quoteID: Int64, in scope: CompanyScope,
        context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord
    func setContactFunctions(
        _ functions: Set<ContactFunction>, of contactID: Int64, on quoteID: Int64, in scope: CompanyScope,
        context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord
    func removeContact(
        _ contactID: Int64, from quoteID: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord

    /// Submits a quote built for its client: checks it as an order, then writes for each
    /// validator of the client the link and mail `mail` makes. None is ``OrderingViolation/nobodyToValidate``.
    func submit(
        _ quoteID: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        mail: @escaping @Sendable (QuoteRecord, OrderValidator) -> ValidationLinkMail
    ) async throws -> QuoteRecord
    /// The quote behind a validation link of `client`'s account, not used, not expired.
    func quote(validationTokenDigest: String, for client: OrderingClient, at now: Timestamp) async throws -> QuoteRecord

    /// Places the order of a quote in one transaction, exactly once (see ``OrderPlacement``).
    /// `mails` makes the confirmation mails of the new order.
    func placeOrder(
        _ placement: OrderPlacement, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        mails: @escaping @Sendable (OrderRecord, _ placedByEmail: String?) -> [OutgoingMail]
    ) async throws -> OrderRecord
    /// The client refuses a quote its partner submitted, through its link.
    func refuse(
        _ quoteID: Int64, by client: OrderingClient, validationTokenDigest: String, reason: String, in scope: CompanyScope,
        context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord

    func order(reference: String, in scope: CompanyScope) async throws -> OrderRecord?
    /// Orders, newest first.
    func orders(_ filter: OrderFilter, in scope: CompanyScope, page: PageRequest) async throws -> Page<OrderRecord>
    func contractedOffer(reference: String, in scope: CompanyScope) async throws -> ContractedOfferDetailRecord?
    /// Contracted offers, newest first.
    func contractedOffers(_ filter: ContractedOfferFilter, in scope: CompanyScope, page: PageRequest) async throws
        -> Page<ContractedOfferRecord>
}

/// What placing an order needs: the quote, the CGV version accepted, the client who places it,
/// and for a quote entered by its partner the token of the mailed link.
public struct OrderPlacement: Sendable, Hashable {
    public var quoteID: Int64
    public var cgvVersion: Int64
    public var client: OrderingClient
    public var validationTokenDigest: String?

    public init(quoteID: Int64, cgvVersion: Int64, client: OrderingClient, validationTokenDigest: String?) {
        self.quoteID = quoteID
        self.cgvVersion = cgvVersion
        self.client = client
        self.validationTokenDigest = validationTokenDigest
    }
}
