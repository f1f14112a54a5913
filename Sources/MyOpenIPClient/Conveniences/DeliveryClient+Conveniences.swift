import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `myopenip.v1.DeliveryService`: operator staff and
/// provisioning systems drive the delivery of orders.
extension DeliveryClient {
    /// Names the pilot (an operator staff login), or none when empty.
    @discardableResult
    public func assignPilot(order: String, login: String, options: CallOptions = .default) async throws
        -> Myopenip_V1_Order
    {
        var request = Myopenip_V1_AssignPilotRequest()
        request.orderReference = order
        request.pilotLogin = login
        return try await assignPilot(request, options: options)
    }

    @discardableResult
    public func advance(
        order: String, to state: Myopenip_V1_OrderState, reason: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_Order {
        var request = Myopenip_V1_AdvanceOrderRequest()
        request.reference = order
        request.state = state
        request.reason = reason
        return try await advanceOrder(request, options: options)
    }

    @discardableResult
    public func markPointOfNoReturn(order: String, reason: String = "", options: CallOptions = .default) async throws
        -> Myopenip_V1_Order
    {
        var request = Myopenip_V1_MarkPointOfNoReturnRequest()
        request.reference = order
        request.reason = reason
        return try await markPointOfNoReturn(request, options: options)
    }

    /// Moves one contracted offer; `deliveredOn` (YYYY-MM-DD) dates a delivery, today when empty.
    @discardableResult
    public func advance(
        offer: String, to state: Myopenip_V1_ContractedOfferState, deliveredOn: String = "", reason: String = "",
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_Order {
        var request = Myopenip_V1_AdvanceContractedOfferRequest()
        request.reference = offer
        request.state = state
        request.deliveredOn = deliveredOn
        request.reason = reason
        return try await advanceContractedOffer(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.DeliveryService`.
    public var delivery: DeliveryClient { DeliveryClient(client: self) }
}
