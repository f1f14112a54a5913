import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `myopenip.v1.OrderService`: orders and contracted offers.
extension OrderClient {
    /// One page of orders, newest first.
    public func list(
        companyReference: String = "", state: Myopenip_V1_OrderState = .unspecified, siteID: Int64 = 0, text: String = "",
        pageSize: UInt32 = 0, pageToken: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListOrdersResponse {
        var request = Myopenip_V1_ListOrdersRequest()
        request.companyReference = companyReference
        request.state = state
        request.siteID = siteID
        request.text = text
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listOrders(request, options: options)
    }

    public func get(reference: String, options: CallOptions = .default) async throws -> Myopenip_V1_Order {
        var request = Myopenip_V1_GetOrderRequest()
        request.reference = reference
        return try await getOrder(request, options: options)
    }

    /// One page of contracted offers, newest first.
    public func offers(
        companyReference: String = "", state: Myopenip_V1_ContractedOfferState = .unspecified, siteID: Int64 = 0,
        category: Myopenip_V1_OfferingCategory = .unspecified, text: String = "", pageSize: UInt32 = 0,
        pageToken: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListContractedOffersResponse {
        var request = Myopenip_V1_ListContractedOffersRequest()
        request.companyReference = companyReference
        request.state = state
        request.siteID = siteID
        request.category = category
        request.text = text
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listContractedOffers(request, options: options)
    }

    public func offer(reference: String, options: CallOptions = .default) async throws -> Myopenip_V1_ContractedOfferDetail {
        var request = Myopenip_V1_GetContractedOfferRequest()
        request.reference = reference
        return try await getContractedOffer(request, options: options)
    }
}

/// The client's part of an order's life: cancellation, watching, termination.
extension OrderClient {
    /// Cancels the order, or only the products `offers` of it.
    @discardableResult
    public func cancel(reference: String, offers: [String] = [], reason: String = "", options: CallOptions = .default)
        async throws -> Myopenip_V1_Order
    {
        var request = Myopenip_V1_CancelOrderRequest()
        request.reference = reference
        request.offerReferences = offers
        request.reason = reason
        return try await cancelOrder(request, options: options)
    }

    /// The changes of one order (its state first), or of a company's orders, or of the whole
    /// scope, as they happen.
    public func watch(order: String = "", companyReference: String = "", options: CallOptions = .default) async throws
        -> some AsyncSequence<Myopenip_V1_OrderChange, any Error>
    {
        var request = Myopenip_V1_WatchOrdersRequest()
        request.orderReference = order
        request.companyReference = companyReference
        return try await watchOrders(request, options: options)
    }

    /// What terminating the offer at `desiredDate` (YYYY-MM-DD, today when empty) would cost.
    public func dryRunTermination(offer: String, desiredDate: String = "", options: CallOptions = .default) async throws
        -> Myopenip_V1_TerminationTerms
    {
        var request = Myopenip_V1_DryRunTerminationRequest()
        request.reference = offer
        request.desiredDate = desiredDate
        return try await dryRunTermination(request, options: options)
    }

    /// Confirms the termination a dry run showed (`terms`), for good.
    @discardableResult
    public func terminate(_ terms: Myopenip_V1_TerminationTerms, reason: String = "", options: CallOptions = .default)
        async throws -> Myopenip_V1_TerminationTerms
    {
        var request = Myopenip_V1_TerminateContractedOfferRequest()
        request.reference = terms.reference
        request.desiredDate = terms.desiredDate
        request.termsDigest = terms.termsDigest
        request.reason = reason
        return try await terminateContractedOffer(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.OrderService`.
    public var orders: OrderClient { OrderClient(client: self) }
}
