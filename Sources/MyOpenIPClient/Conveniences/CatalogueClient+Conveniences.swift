import MyOpenIPProto
import MyOpenIPRPC
import SwiftProtobuf

/// Conveniences over the generated client of `myopenip.v1.CatalogueService`: the e-shop's offerings.
extension CatalogueClient {
    /// One page of offerings, oldest first: those on sale, or (operator staff) the retired too.
    public func list(
        category: Myopenip_V1_OfferingCategory = .unspecified, includeRetired: Bool = false, pageSize: UInt32 = 0,
        pageToken: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListOfferingsResponse {
        var request = Myopenip_V1_ListOfferingsRequest()
        request.category = category
        request.includeRetired = includeRetired
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listOfferings(request, options: options)
    }

    public func get(code: String, options: CallOptions = .default) async throws -> Myopenip_V1_Offering {
        var request = Myopenip_V1_GetOfferingRequest()
        request.code = code
        return try await getOffering(request, options: options)
    }

    @discardableResult
    public func create(_ fields: Myopenip_V1_OfferingFields, options: CallOptions = .default) async throws
        -> Myopenip_V1_Offering
    {
        var request = Myopenip_V1_CreateOfferingRequest()
        request.fields = fields
        return try await createOffering(request, options: options)
    }

    /// Changes the fields named in `paths` (OfferingFields names: "name", "monthly_price_cents"…).
    @discardableResult
    public func update(
        code: String, fields: Myopenip_V1_OfferingFields, paths: [String], options: CallOptions = .default
    ) async throws -> Myopenip_V1_Offering {
        var request = Myopenip_V1_UpdateOfferingRequest()
        request.code = code
        request.fields = fields
        request.updateMask = Google_Protobuf_FieldMask(protoPaths: paths)
        return try await updateOffering(request, options: options)
    }

    @discardableResult
    public func retire(code: String, options: CallOptions = .default) async throws -> Myopenip_V1_Offering {
        var request = Myopenip_V1_RetireOfferingRequest()
        request.code = code
        return try await retireOffering(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.CatalogueService`.
    public var catalogue: CatalogueClient { CatalogueClient(client: self) }
}
