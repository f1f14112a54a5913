import Foundation
import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

/// `myopenip.v1.OrderService`: orders and contracted offers (« Offres contractées »), in the
/// caller's scope.
public struct OrderService: OrderServiceProtocol {
    let ordering: any OrderingRepository & OrderLifecycleRepository
    /// The changes of orders, for watchers.
    let changes: OrderChangeFeed
    /// Watches end when the daemon begins to shut down.
    let servingState: ServingState
    let time: any TimeSource
    /// A watch checks its session again whenever what sessions are allowed has changed, and
    /// ends when the session or its right to orders is gone.
    let sessions: (any SessionResolver)?
    let authentication: AuthenticationChanges?

    public init(
        ordering: any OrderingRepository & OrderLifecycleRepository, changes: OrderChangeFeed,
        servingState: ServingState = ServingState(), time: any TimeSource = SystemTimeSource(),
        sessions: (any SessionResolver)? = nil, authentication: AuthenticationChanges? = nil
    ) {
        self.ordering = ordering
        self.changes = changes
        self.servingState = servingState
        self.time = time
        self.sessions = sessions
        self.authentication = authentication
    }

    public func listOrders(_ request: Myopenip_V1_ListOrdersRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListOrdersResponse
    {
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        var filter = OrderFilter(siteID: request.siteID == 0 ? nil : request.siteID, text: request.text)
        if !request.companyReference.isEmpty { filter.company = try CompanyReference(request.companyReference) }
        if request.state != .unspecified { filter.state = try OrderState(request.state, field: "state") }
        let result = try await ordering.orders(filter, in: context.principal.companyScope, page: page)
        var response = Myopenip_V1_ListOrdersResponse()
        response.orders = result.items.map(Myopenip_V1_Order.init)
        response.nextPageToken = result.nextPageToken
        return response
    }

    public func getOrder(_ request: Myopenip_V1_GetOrderRequest, context: ServerContext) async throws -> Myopenip_V1_Order {
        guard let reference = BusinessReference(request.reference, kind: .order),
            let order = try await ordering.order(reference: reference.description, in: context.principal.companyScope)
        else { throw OrderingViolation.unknownOrder }
        return Myopenip_V1_Order(order)
    }

    public func listContractedOffers(_ request: Myopenip_V1_ListContractedOffersRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListContractedOffersResponse
    {
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        var filter = ContractedOfferFilter(siteID: request.siteID == 0 ? nil : request.siteID, text: request.text)
        if !request.companyReference.isEmpty { filter.company = try CompanyReference(request.companyReference) }
        if request.state != .unspecified { filter.state = try ContractedOfferState(request.state, field: "state") }
        if request.category != .unspecified {
            guard let category = OfferingCategory(request.category) else {
                throw RPCError(.invalidArgument, "catégorie inconnue", reason: "CATEGORY_INVALID", field: "category")
            }
            filter.category = category
        }
        let result = try await ordering.contractedOffers(filter, in: context.principal.companyScope, page: page)
        var response = Myopenip_V1_ListContractedOffersResponse()
        response.offers = result.items.map(Myopenip_V1_ContractedOffer.init)
        response.nextPageToken = result.nextPageToken
        return response
    }

    public func getContractedOffer(_ request: Myopenip_V1_GetContractedOfferRequest, context: ServerContext) async throws
        -> Myopenip_V1_ContractedOfferDetail
    {
        guard let reference = BusinessReference(request.reference, kind: .contractedOffer),
            let detail = try await ordering.contractedOffer(
                reference: reference.description, in: context.principal.companyScope)
        else { throw OrderingViolation.unknownContractedOffer }
        return Myopenip_V1_ContractedOfferDetail(detail)
    }
}

extension Myopenip_V1_ContractedOfferDetail {
    init(_ detail: ContractedOfferDetailRecord) {
        self.init()
        offer = Myopenip_V1_ContractedOffer(detail.offer)
        lastOrderState = detail.lastOrderState.proto
        lastOrderStateLabel = detail.lastOrderState.label
        companyPhone = detail.companyPhone ?? ""
        site = Myopenip_V1_SiteSummary(detail.site)
        history = detail.history.map { event in
            var line = Myopenip_V1_ContractedOfferEvent()
            line.at = Google_Protobuf_Timestamp(event.at)
            line.actor = event.actor
            if let from = event.from { line.fromState = from.proto }
            line.toState = event.to.proto
            line.reason = event.reason
            line.orderReference = event.orderReference ?? ""
            return line
        }
        actors = Self.actors(detail)
        offering = Myopenip_V1_FrozenOffering(detail.offering)
        form = Myopenip_V1_FormValue.list(detail.form, of: detail.offering)
        let quantity = Int64(detail.offer.quantity)
        oneTimeTotalCents = detail.offering.oneTimePriceCents * quantity
        monthlyTotalCents = detail.offering.monthlyPriceCents * quantity
        upgrades = detail.upgrades.map { Myopenip_V1_ContractedOffer($0.offer) }
        let running = detail.upgrades.filter { $0.offer.deliveredAt != nil && OfferLifecycle.holdsSite($0.offer.state) }
        service = Myopenip_V1_FormValue.list(
            UpgradeCharacteristics.merged(detail.form, upgrades: running.map(\.form)), of: detail.offering)
        monthlyTotalWithUpgradesCents =
            monthlyTotalCents
            + running.reduce(0) { $0 + $1.offering.monthlyPriceCents * Int64($1.offer.quantity) }
        if let termination = detail.termination {
            self.termination = Myopenip_V1_TerminationTerms(
                termination.quote, digest: TerminationDigest.of(termination.quote), record: termination)
        }
        commitmentMonths = UInt32(detail.offering.commitmentMonths)
        commitmentTotalCents = oneTimeTotalCents + monthlyTotalCents * Int64(detail.offering.commitmentMonths)
        if let delivered = detail.offer.deliveredAt,
            let end = Calendar.utc.date(byAdding: .month, value: detail.offering.commitmentMonths, to: delivered.date)
        {
            commitmentEndsAt = Google_Protobuf_Timestamp(Timestamp(end))
        }
    }

    /// The guide's « acteurs »: who entered and validated the order, its pilot, its contacts.
    static func actors(_ detail: ContractedOfferDetailRecord) -> [Myopenip_V1_Actor] {
        func actor(_ part: String, _ name: String, email: String = "", phone: String = "") -> Myopenip_V1_Actor {
            var actor = Myopenip_V1_Actor()
            actor.part = part
            actor.name = name
            actor.email = email
            actor.phone = phone
            return actor
        }
        var actors: [Myopenip_V1_Actor] = []
        if let enteredBy = detail.enteredBy { actors.append(actor("Commande saisie par", enteredBy)) }
        actors.append(actor("Commande validée par", detail.placedBy))
        actors.append(actor("Pilote", detail.offer.pilot ?? "Aucun"))
        for contact in detail.contacts {
            actors.append(
                actor(
                    contact.functions.sorted().map(\.label).joined(separator: ", "), contact.person.displayName,
                    email: contact.person.email.description, phone: contact.person.phone.description))
        }
        return actors
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC, for whole months from a date.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
