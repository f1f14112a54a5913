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

extension MyOpenIPClient {
    /// `myopenip.v1.OrderService`.
    public var orders: OrderClient { OrderClient(client: self) }
}
