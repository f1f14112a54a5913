import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

/// `myopenip.v1.NetworkService`: technical services in the caller's scope, their live state and
/// traffic; their parameters, set by operator staff.
public struct NetworkService: NetworkServiceProtocol {
    let network: any NetworkRepository
    /// The state changes, for watchers.
    let feed: LinkStateFeed
    /// Watches end when the daemon begins to shut down.
    let servingState: ServingState
    let time: any TimeSource
    let graphs: GraphRenderer
    /// A watch checks its session again whenever what sessions are allowed has changed.
    let watchAuthorization: WatchAuthorization

    public init(
        network: any NetworkRepository, feed: LinkStateFeed, servingState: ServingState = ServingState(),
        time: any TimeSource = SystemTimeSource(), graphs: GraphRenderer = GraphRenderer(),
        sessions: (any SessionResolver)? = nil, authentication: AuthenticationChanges? = nil
    ) {
        self.network = network
        self.feed = feed
        self.servingState = servingState
        self.time = time
        self.graphs = graphs
        self.watchAuthorization = WatchAuthorization(sessions: sessions, authentication: authentication)
    }

    public func listTechnicalServices(_ request: Myopenip_V1_ListTechnicalServicesRequest, context: ServerContext)
        async throws -> Myopenip_V1_ListTechnicalServicesResponse
    {
        let page = try PageRequest(size: request.pageSize, token: request.pageToken)
        var filter = TechnicalServiceFilter()
        if !request.companyReference.isEmpty { filter.company = try CompanyReference(request.companyReference) }
        if request.kind != .unspecified { filter.kind = try TechnicalServiceKind(request.kind, field: "kind") }
        if request.state != .unspecified { filter.state = try LinkState(request.state, field: "state") }
        let result = try await network.services(filter, in: context.principal.companyScope, page: page)
        var response = Myopenip_V1_ListTechnicalServicesResponse()
        response.services = result.items.map(Myopenip_V1_TechnicalService.init)
        response.nextPageToken = result.nextPageToken
        return response
    }

    public func getTechnicalService(_ request: Myopenip_V1_GetTechnicalServiceRequest, context: ServerContext)
        async throws -> Myopenip_V1_TechnicalService
    {
        Myopenip_V1_TechnicalService(try await service(request.reference, context: context))
    }

    public func updateLinkParameters(_ request: Myopenip_V1_UpdateLinkParametersRequest, context: ServerContext)
        async throws -> Myopenip_V1_TechnicalService
    {
        let reference = try Self.reference(request.reference)
        let paths = try request.updateMask.checkedPaths(
            ["access_type", "downstream_kbps", "upstream_kbps", "interface_id", "addresses"])
        let given = request.parameters
        // Every value named in the mask, and only those, is checked before anything is written.
        let accessType = paths.contains("access_type") ? try AccessType.from(given.accessType) : nil
        let downstream =
            paths.contains("downstream_kbps") && given.downstreamKbps != 0
            ? try LinkParameters.bandwidth(given.downstreamKbps, field: "parameters.downstream_kbps") : nil
        let upstream =
            paths.contains("upstream_kbps") && given.upstreamKbps != 0
            ? try LinkParameters.bandwidth(given.upstreamKbps, field: "parameters.upstream_kbps") : nil
        let interface =
            paths.contains("interface_id") && !given.interfaceID.isEmpty
            ? try NetworkIdentifier.checked(given.interfaceID, field: "parameters.interface_id") : nil
        let addresses =
            paths.contains("addresses") ? try LinkParameters.addresses(given.addresses, field: "parameters.addresses") : []
        return try await context.answering(Myopenip_V1_TechnicalService.init) {
            try await network.updateLink(reference: reference, context: context.audit, at: time.timestamp()) { link in
                if paths.contains("access_type") { link.accessType = accessType }
                if paths.contains("downstream_kbps") { link.downstreamKbps = downstream }
                if paths.contains("upstream_kbps") { link.upstreamKbps = upstream }
                if paths.contains("interface_id") { link.interfaceID = interface }
                if paths.contains("addresses") { link.addresses = addresses }
            }
        }
    }

    public func updateVoiceTrunkParameters(
        _ request: Myopenip_V1_UpdateVoiceTrunkParametersRequest, context: ServerContext
    ) async throws -> Myopenip_V1_TechnicalService {
        let reference = try Self.reference(request.reference)
        let paths = try request.updateMask.checkedPaths(["trunk_id", "channels", "numbers"])
        let given = request.parameters
        // Only the values named in the mask are read.
        let trunk =
            paths.contains("trunk_id") && !given.trunkID.isEmpty
            ? try NetworkIdentifier.checked(given.trunkID, field: "parameters.trunk_id") : nil
        var channels: Int?
        var numbers: [String] = []
        do {
            if paths.contains("channels") && given.channels != 0 {
                channels = try VoiceTrunkParameters.channels(Int(given.channels))
            }
        } catch { throw error.on("parameters.channels") }
        do {
            if paths.contains("numbers") { numbers = try VoiceTrunkParameters.numbers(given.numbers) }
        } catch { throw error.on("parameters.numbers") }
        let (setChannels, setNumbers) = (channels, numbers)
        return try await context.answering(Myopenip_V1_TechnicalService.init) {
            try await network.updateVoiceTrunk(reference: reference, context: context.audit, at: time.timestamp()) {
                trunkParameters in
                if paths.contains("trunk_id") { trunkParameters.trunkID = trunk }
                if paths.contains("channels") { trunkParameters.channels = setChannels }
                if paths.contains("numbers") { trunkParameters.numbers = setNumbers }
            }
        }
    }

    /// The service of `text` in the caller's scope, in service; NOT_FOUND otherwise.
    func service(_ text: String, context: ServerContext) async throws -> TechnicalServiceRecord {
        let reference = try Self.reference(text)
        guard let record = try await network.service(reference: reference, in: context.principal.companyScope) else {
            throw NetworkViolation.unknownService
        }
        return record
    }

    /// A contracted offer's reference, normalised ("oc40479" is "OC40479"); one that cannot be
    /// is a service that does not exist.
    static func reference(_ text: String, field: String = "reference") throws(DomainViolation) -> String {
        guard let reference = BusinessReference(text, kind: .contractedOffer) else {
            throw NetworkViolation.unknownService.on(field)
        }
        return reference.description
    }
}
