import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.DeliveryService`: operator staff (or a provisioning system) drive the delivery
/// of orders, one documented transition at a time.
public struct DeliveryService: DeliveryServiceProtocol {
    let ordering: any OrderLifecycleRepository
    let time: any TimeSource

    public init(ordering: any OrderLifecycleRepository, time: any TimeSource = SystemTimeSource()) {
        self.ordering = ordering
        self.time = time
    }

    public func assignPilot(_ request: Myopenip_V1_AssignPilotRequest, context: ServerContext) async throws
        -> Myopenip_V1_Order
    {
        let order = try OrderService.orderReference(request.orderReference, field: "order_reference")
        let login = request.pilotLogin.isEmpty ? nil : request.pilotLogin
        return try await context.answering(Myopenip_V1_Order.init) {
            try await ordering.assignPilot(
                order: order, login: login, in: context.principal.companyScope, context: context.audit,
                at: time.timestamp())
        }
    }

    public func advanceOrder(_ request: Myopenip_V1_AdvanceOrderRequest, context: ServerContext) async throws
        -> Myopenip_V1_Order
    {
        let order = try OrderService.orderReference(request.reference)
        guard request.state != .unspecified else {
            throw RPCError(.invalidArgument, "l'état visé est requis", reason: "STATE_REQUIRED", field: "state")
        }
        let target = try OrderState(request.state, field: "state")
        let reason = try OrderService.reason(request.reason)
        return try await context.answering(Myopenip_V1_Order.init) {
            try await ordering.advanceOrder(
                order, to: target, reason: reason, in: context.principal.companyScope, context: context.audit,
                at: time.timestamp())
        }
    }

    public func markPointOfNoReturn(_ request: Myopenip_V1_MarkPointOfNoReturnRequest, context: ServerContext) async throws
        -> Myopenip_V1_Order
    {
        let order = try OrderService.orderReference(request.reference)
        let reason = try OrderService.reason(request.reason)
        return try await context.answering(Myopenip_V1_Order.init) {
            try await ordering.markPointOfNoReturn(
                order, reason: reason, in: context.principal.companyScope, context: context.audit, at: time.timestamp())
        }
    }

    public func advanceContractedOffer(_ request: Myopenip_V1_AdvanceContractedOfferRequest, context: ServerContext)
        async throws -> Myopenip_V1_Order
    {
        let reference = try OrderService.offerReference(request.reference)
        guard request.state != .unspecified else {
            throw RPCError(.invalidArgument, "l'état visé est requis", reason: "STATE_REQUIRED", field: "state")
        }
        let target = try ContractedOfferState(request.state, field: "state")
        var deliveredOn: CivilDate?
        if !request.deliveredOn.isEmpty {
            guard let day = CivilDate(request.deliveredOn) else {
                throw RPCError(
                    .invalidArgument, "La date de livraison est au format AAAA-MM-JJ", reason: "DELIVERY_DATE_INVALID",
                    field: "delivered_on")
            }
            deliveredOn = day
        }
        let step = OfferStep(
            reference: reference, target: target, reason: try OrderService.reason(request.reason), deliveredOn: deliveredOn)
        return try await context.answering(Myopenip_V1_Order.init) {
            try await ordering.advanceOffer(
                step, in: context.principal.companyScope, context: context.audit, at: time.timestamp())
        }
    }
}
