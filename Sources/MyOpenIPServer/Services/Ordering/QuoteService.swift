import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.QuoteService`: quotes, their products and contacts, and the two ways an order
/// is placed (by the client itself, or entered by its partner and validated by the client
/// through a mailed single-use link).
public struct QuoteService: QuoteServiceProtocol {
    let ordering: any OrderingRepository
    let identity: IdentityEnvironment
    let settings: OrderingSettings
    let time: any TimeSource

    public init(
        ordering: any OrderingRepository, identity: IdentityEnvironment, settings: OrderingSettings,
        time: any TimeSource = SystemTimeSource()
    ) {
        self.ordering = ordering
        self.identity = identity
        self.settings = settings
        self.time = time
    }

    public func createQuote(_ request: Myopenip_V1_CreateQuoteRequest, context: ServerContext) async throws
        -> Myopenip_V1_Quote
    {
        let company = try CompanyReference(request.companyReference)
        let now = time.timestamp()
        // A quote its client's own user builds is ordered directly; any other is validated by the client.
        let enteredForClient = context.principal.session?.companyReference != company.description
        let validUntil = now.adding(settings.quoteValidity)
        return try await answering(context) {
            try await ordering.createQuote(
                company: company, in: context.principal.companyScope, enteredForClient: enteredForClient,
                validUntil: validUntil, context: context.audit, at: now)
        }
    }

    public func getQuote(_ request: Myopenip_V1_GetQuoteRequest, context: ServerContext) async throws -> Myopenip_V1_Quote {
        guard let quote = try await ordering.quote(request.quoteID, in: context.principal.companyScope) else {
            throw OrderingViolation.unknownQuote
        }
        return Myopenip_V1_Quote(quote, at: time.timestamp())
    }

    public func listQuotes(_ request: Myopenip_V1_ListQuotesRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListQuotesResponse
    {
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        var filter = QuoteFilter()
        if !request.companyReference.isEmpty { filter.company = try CompanyReference(request.companyReference) }
        if request.state != .unspecified { filter.state = try QuoteState(request.state, field: "state") }
        let result = try await ordering.quotes(filter, in: context.principal.companyScope, page: page)
        let now = time.timestamp()
        var response = Myopenip_V1_ListQuotesResponse()
        response.quotes = result.items.map { Myopenip_V1_Quote($0, at: now) }
        response.nextPageToken = result.nextPageToken
        return response
    }

    public func addQuoteItem(_ request: Myopenip_V1_AddQuoteItemRequest, context: ServerContext) async throws
        -> Myopenip_V1_Quote
    {
        let quantity = request.quantity == 0 ? 1 : Int(clamping: request.quantity)
        let siteID = request.siteID
        let form = request.form
        let upgrading = request.upgradedOfferReference.isEmpty ? nil : request.upgradedOfferReference
        return try await answering(context) {
            try await ordering.addItem(
                to: request.quoteID, in: context.principal.companyScope, offeringCode: request.offeringCode, siteID: siteID,
                upgrading: upgrading, context: context.audit, at: time.timestamp()
            ) { offering in
                try QuoteItemDraft(
                    offering: offering, siteID: siteID, quantity: quantity, form: form, upgrading: upgrading != nil)
            }
        }
    }

    public func removeQuoteItem(_ request: Myopenip_V1_RemoveQuoteItemRequest, context: ServerContext) async throws
        -> Myopenip_V1_Quote
    {
        guard let number = QuoteItemRecord.number(parsing: request.itemNumber) else {
            throw RPCError(OrderingViolation.unknownItem)
        }
        return try await answering(context) {
            try await ordering.removeItem(
                number, from: request.quoteID, in: context.principal.companyScope, context: context.audit,
                at: time.timestamp())
        }
    }

    public func addQuoteContact(_ request: Myopenip_V1_AddQuoteContactRequest, context: ServerContext) async throws
        -> Myopenip_V1_Quote
    {
        let functions = try Set<ContactFunction>(request.functions, field: "functions")
        let contact: QuoteContactChoice
        switch request.contact {
        case .directoryContactID(let id)?:
            contact = .directory(id)
        case .adHoc(let person)?:
            do {
                contact = .adHoc(
                    try QuoteContactPerson.adHoc(
                        lastName: person.lastName, firstName: person.firstName, email: person.email, phone: person.phone,
                        role: person.role))
            } catch {
                throw error.on("ad_hoc." + (error.field ?? ""))
            }
        case nil:
            throw RPCError(
                .invalidArgument, "Choisissez un contact existant ou remplissez le formulaire « Ajouter un contact »",
                reason: "QUOTE_CONTACT_REQUIRED", field: "contact")
        }
        return try await answering(context) {
            try await ordering.addContact(
                contact, functions: functions, to: request.quoteID, in: context.principal.companyScope,
                context: context.audit, at: time.timestamp())
        }
    }

    public func setQuoteContactFunctions(
        _ request: Myopenip_V1_SetQuoteContactFunctionsRequest, context: ServerContext
    ) async throws -> Myopenip_V1_Quote {
        let functions = try Set<ContactFunction>(request.functions, field: "functions")
        return try await answering(context) {
            try await ordering.setContactFunctions(
                functions, of: request.contactID, on: request.quoteID, in: context.principal.companyScope,
                context: context.audit, at: time.timestamp())
        }
    }

    public func removeQuoteContact(_ request: Myopenip_V1_RemoveQuoteContactRequest, context: ServerContext) async throws
        -> Myopenip_V1_Quote
    {
        try await answering(context) {
            try await ordering.removeContact(
                request.contactID, from: request.quoteID, in: context.principal.companyScope, context: context.audit,
                at: time.timestamp())
        }
    }

    public func submitQuote(_ request: Myopenip_V1_SubmitQuoteRequest, context: ServerContext) async throws
        -> Myopenip_V1_Quote
    {
        let enteredBy = try await enteredByName(context.principal)
        let settings = identity.settings
        return try await answering(context) {
            try await ordering.submit(
                request.quoteID, in: context.principal.companyScope, context: context.audit, at: time.timestamp()
            ) {
                quote, validator in
                let token = SecretToken.generate()
                let link = settings.orderValidationLink(token: token.value)
                let mail = OrderValidationRequestMail(
                    clientName: quote.companyName, quoteID: quote.id, enteredBy: enteredBy, summary: quote.items.map(\.summary),
                    totals: quote.totals, link: link, expiresAt: quote.validUntil)
                return ValidationLinkMail(
                    tokenDigest: token.digest,
                    mail: OutgoingMail(
                        recipient: validator.email, subject: mail.subject, body: mail.body, template: "order_validation_request",
                        secret: token.value, messageID: MessageID.new(domain: settings.messageIDDomain)))
            }
        }
    }

    public func openValidationLink(_ request: Myopenip_V1_OpenValidationLinkRequest, context: ServerContext) async throws
        -> Myopenip_V1_Quote
    {
        let client = try Self.client(context.principal)
        let now = time.timestamp()
        let quote = try await ordering.quote(
            validationTokenDigest: SecretToken.digest(of: request.validationToken), for: client, at: now)
        return Myopenip_V1_Quote(quote, at: now)
    }

    public func placeOrder(_ request: Myopenip_V1_PlaceOrderRequest, context: ServerContext) async throws -> Myopenip_V1_Order {
        let client = try Self.client(context.principal)
        let placement = OrderPlacement(
            quoteID: request.quoteID, cgvVersion: request.cgvVersion, client: client,
            validationTokenDigest: request.validationToken.isEmpty ? nil : SecretToken.digest(of: request.validationToken))
        let domain = identity.settings.messageIDDomain
        let order = try await context.answering(Myopenip_V1_Order.init) {
            try await ordering.placeOrder(
                placement, in: context.principal.companyScope, context: context.audit, at: time.timestamp()
            ) { order, placedByEmail in
                Self.confirmationMails(order, placedByEmail: placedByEmail, domain: domain)
            }
        }
        context.logger.info("order placed", metadata: ["order": "\(order.reference)"])
        return order
    }

    public func refuseQuote(_ request: Myopenip_V1_RefuseQuoteRequest, context: ServerContext) async throws
        -> Myopenip_V1_Quote
    {
        let client = try Self.client(context.principal)
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 1000 else {
            throw RPCError(
                .invalidArgument, "Le motif du refus : 1000 caractères au plus", reason: "REFUSAL_REASON_TOO_LONG",
                field: "reason")
        }
        guard !request.validationToken.isEmpty else { throw OrderingViolation.validationLinkInvalid }
        return try await answering(context) {
            try await ordering.refuse(
                request.quoteID, by: client, validationTokenDigest: SecretToken.digest(of: request.validationToken),
                reason: reason, in: context.principal.companyScope, context: context.audit, at: time.timestamp())
        }
    }

    // MARK: -

    /// Runs a quote write, keeping its answer for a retry with the same key.
    private func answering(
        _ context: ServerContext, _ write: @escaping @Sendable () async throws -> QuoteRecord
    ) async throws -> Myopenip_V1_Quote {
        let now = time.timestamp()
        return try await context.answering({ Myopenip_V1_Quote($0, at: now) }, write: write)
    }

    /// The user of a client company placing or refusing an order: only a session of that company.
    static func client(_ principal: Principal) throws -> OrderingClient {
        guard let session = principal.session, !session.isOperatorStaff, let company = session.companyReference else {
            throw OrderingViolation.clientOnly
        }
        return OrderingClient(accountID: session.accountID, companyReference: company)
    }

    /// Who the validation request says entered the order: the partner's name, or OpenIP's staff.
    private func enteredByName(_ principal: Principal) async throws -> String {
        guard !principal.isOperator, let text = principal.session?.companyReference,
            let reference = try? CompanyReference(text),
            let company = try await identity.companies.company(reference, in: .everything)
        else { return "OpenIP" }
        return company.profile.name
    }

    /// The confirmation to the user who placed the order and to its follow-up contacts, once each.
    static func confirmationMails(_ order: OrderRecord, placedByEmail: String?, domain: String) -> [OutgoingMail] {
        let mail = OrderConfirmationMail(
            orderReference: order.reference, clientName: order.companyName,
            offers: order.items.map { "\($0.contractedOfferReference) \($0.item.summary)" }, totals: order.totals)
        var recipients: [String] = []
        for address in [placedByEmail].compactMap({ $0 })
            + order.contacts.filter({ $0.functions.contains(.orderFollowUp) }).map(\.person.email.description)
        where !recipients.contains(where: { $0.lowercased() == address.lowercased() }) {
            recipients.append(address)
        }
        return recipients.map {
            OutgoingMail(
                recipient: $0, subject: mail.subject, body: mail.body, template: "order_confirmation",
                messageID: MessageID.new(domain: domain))
        }
    }
}

extension IdentitySettings {
    /// The link of the portal's order validation page for `token`.
    func orderValidationLink(token: String) -> String {
        var base = portalURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/commandes/validation?token=" + token
    }
}

extension QuoteItemRecord {
    /// "MyCloud3CX × 2, site Siège Social (CLICHY)".
    var summary: String {
        let city = site.city.isEmpty ? "" : " (\(site.city))"
        return "\(offering.name) × \(quantity), site \(site.name)\(city)"
    }
}
