import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.CatalogueService`: what the e-shop sells. Holders of orders.manage browse the
/// offerings on sale; operator staff also see the retired ones, and write the catalogue.
public struct CatalogueService: CatalogueServiceProtocol {
    let catalogue: any CatalogueRepository
    let time: any TimeSource

    public init(catalogue: any CatalogueRepository, time: any TimeSource = SystemTimeSource()) {
        self.catalogue = catalogue
        self.time = time
    }

    public func listOfferings(_ request: Myopenip_V1_ListOfferingsRequest, context: ServerContext) async throws
        -> Myopenip_V1_ListOfferingsResponse
    {
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        var filter = OfferingFilter(includeRetired: request.includeRetired && context.principal.isOperator)
        if request.category != .unspecified {
            guard let category = OfferingCategory(request.category) else {
                throw RPCError(.invalidArgument, "catégorie inconnue", reason: "CATEGORY_INVALID", field: "category")
            }
            filter.category = category
        }
        let result = try await catalogue.offerings(filter, page: page)
        var response = Myopenip_V1_ListOfferingsResponse()
        response.offerings = result.items.map(Myopenip_V1_Offering.init)
        response.nextPageToken = result.nextPageToken
        return response
    }

    public func getOffering(_ request: Myopenip_V1_GetOfferingRequest, context: ServerContext) async throws
        -> Myopenip_V1_Offering
    {
        guard let offering = try await catalogue.offering(code: request.code),
            offering.isOnSale || context.principal.isOperator
        else { throw CatalogueViolation.unknownOffering }
        return Myopenip_V1_Offering(offering)
    }

    public func createOffering(_ request: Myopenip_V1_CreateOfferingRequest, context: ServerContext) async throws
        -> Myopenip_V1_Offering
    {
        let draft = try OfferingDraft(request.fields)
        return try await context.answering(Myopenip_V1_Offering.init) {
            try await catalogue.create(draft, context: context.audit, at: time.timestamp())
        }
    }

    public func updateOffering(_ request: Myopenip_V1_UpdateOfferingRequest, context: ServerContext) async throws
        -> Myopenip_V1_Offering
    {
        let paths = try request.updateMask.checkedPaths(OfferingDraft.updatablePaths)
        let fields = request.fields
        return try await context.answering(Myopenip_V1_Offering.init) {
            try await catalogue.update(
                code: request.code, { current in try current.updating(paths, from: fields) }, context: context.audit,
                at: time.timestamp())
        }
    }

    public func retireOffering(_ request: Myopenip_V1_RetireOfferingRequest, context: ServerContext) async throws
        -> Myopenip_V1_Offering
    {
        try await context.answering(Myopenip_V1_Offering.init) {
            try await catalogue.retire(code: request.code, context: context.audit, at: time.timestamp())
        }
    }
}
