import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `myopenip.v1.QuoteService`: quotes and placing orders.
extension QuoteClient {
    @discardableResult
    public func create(companyReference: String, options: CallOptions = .default) async throws -> Myopenip_V1_Quote {
        var request = Myopenip_V1_CreateQuoteRequest()
        request.companyReference = companyReference
        return try await createQuote(request, options: options)
    }

    public func get(id: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_Quote {
        var request = Myopenip_V1_GetQuoteRequest()
        request.quoteID = id
        return try await getQuote(request, options: options)
    }

    /// One page of quotes, newest first.
    public func list(
        companyReference: String = "", state: Myopenip_V1_QuoteState = .unspecified, pageSize: UInt32 = 0,
        pageToken: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListQuotesResponse {
        var request = Myopenip_V1_ListQuotesRequest()
        request.companyReference = companyReference
        request.state = state
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listQuotes(request, options: options)
    }

    /// Adds a product; an upgrade offering is added on the active contracted offer
    /// `upgrading` (its site is that offer's).
    @discardableResult
    public func addItem(
        quoteID: Int64, offeringCode: String, siteID: Int64 = 0, quantity: UInt32 = 1, form: [String: String] = [:],
        upgrading: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_Quote {
        var request = Myopenip_V1_AddQuoteItemRequest()
        request.quoteID = quoteID
        request.offeringCode = offeringCode
        request.siteID = siteID
        request.quantity = quantity
        request.form = form
        request.upgradedOfferReference = upgrading
        return try await addQuoteItem(request, options: options)
    }

    @discardableResult
    public func removeItem(quoteID: Int64, number: String, options: CallOptions = .default) async throws -> Myopenip_V1_Quote {
        var request = Myopenip_V1_RemoveQuoteItemRequest()
        request.quoteID = quoteID
        request.itemNumber = number
        return try await removeQuoteItem(request, options: options)
    }

    /// Adds a contact of the client's (or its partner's) directory.
    @discardableResult
    public func addContact(
        quoteID: Int64, directoryContactID: Int64, functions: [Myopenip_V1_ContactFunction],
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_Quote {
        var request = Myopenip_V1_AddQuoteContactRequest()
        request.quoteID = quoteID
        request.directoryContactID = directoryContactID
        request.functions = functions
        return try await addQuoteContact(request, options: options)
    }

    /// Adds a contact for this quote only.
    @discardableResult
    public func addContact(
        quoteID: Int64, adHoc: Myopenip_V1_AdHocContact, functions: [Myopenip_V1_ContactFunction],
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_Quote {
        var request = Myopenip_V1_AddQuoteContactRequest()
        request.quoteID = quoteID
        request.adHoc = adHoc
        request.functions = functions
        return try await addQuoteContact(request, options: options)
    }

    @discardableResult
    public func setFunctions(
        quoteID: Int64, contactID: Int64, functions: [Myopenip_V1_ContactFunction], options: CallOptions = .default
    ) async throws -> Myopenip_V1_Quote {
        var request = Myopenip_V1_SetQuoteContactFunctionsRequest()
        request.quoteID = quoteID
        request.contactID = contactID
        request.functions = functions
        return try await setQuoteContactFunctions(request, options: options)
    }

    @discardableResult
    public func removeContact(quoteID: Int64, contactID: Int64, options: CallOptions = .default) async throws
        -> Myopenip_V1_Quote
    {
        var request = Myopenip_V1_RemoveQuoteContactRequest()
        request.quoteID = quoteID
        request.contactID = contactID
        return try await removeQuoteContact(request, options: options)
    }

    @discardableResult
    public func submit(quoteID: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_Quote {
        var request = Myopenip_V1_SubmitQuoteRequest()
        request.quoteID = quoteID
        return try await submitQuote(request, options: options)
    }

    public func open(validationToken: String, options: CallOptions = .default) async throws -> Myopenip_V1_Quote {
        var request = Myopenip_V1_OpenValidationLinkRequest()
        request.validationToken = validationToken
        return try await openValidationLink(request, options: options)
    }

    /// Places the order of a quote, accepting the CGV version `cgvVersion` (and, for a quote the
    /// partner entered, with the mailed link's token).
    @discardableResult
    public func place(
        quoteID: Int64, cgvVersion: Int64, validationToken: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_Order {
        var request = Myopenip_V1_PlaceOrderRequest()
        request.quoteID = quoteID
        request.cgvVersion = cgvVersion
        request.validationToken = validationToken
        return try await placeOrder(request, options: options)
    }

    @discardableResult
    public func refuse(quoteID: Int64, validationToken: String, reason: String = "", options: CallOptions = .default)
        async throws -> Myopenip_V1_Quote
    {
        var request = Myopenip_V1_RefuseQuoteRequest()
        request.quoteID = quoteID
        request.validationToken = validationToken
        request.reason = reason
        return try await refuseQuote(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.QuoteService`.
    public var quotes: QuoteClient { QuoteClient(client: self) }
}
