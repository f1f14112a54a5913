import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import SwiftProtobuf

/// Conveniences over the generated client of `myopenip.v1.NetworkService`: technical services,
/// their live state, traffic and graphs.
extension NetworkClient {
    /// One page of the technical services of the caller's scope.
    public func list(
        companyReference: String = "", kind: Myopenip_V1_TechnicalServiceKind = .unspecified,
        state: Myopenip_V1_LinkState = .unspecified, pageSize: UInt32 = 0, pageToken: String = "",
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_ListTechnicalServicesResponse {
        var request = Myopenip_V1_ListTechnicalServicesRequest()
        request.companyReference = companyReference
        request.kind = kind
        request.state = state
        request.pageSize = pageSize
        request.pageToken = pageToken
        return try await listTechnicalServices(request, options: options)
    }

    public func get(reference: String, options: CallOptions = .default) async throws -> Myopenip_V1_TechnicalService {
        var request = Myopenip_V1_GetTechnicalServiceRequest()
        request.reference = reference
        return try await getTechnicalService(request, options: options)
    }

    /// The state of one service (or of a company's, or of the whole scope), then its changes.
    public func watch(
        reference: String = "", companyReference: String = "", options: CallOptions = .default
    ) async throws -> some AsyncSequence<Myopenip_V1_LinkStateChange, any Error> {
        var request = Myopenip_V1_WatchLinkStatesRequest()
        request.reference = reference
        request.companyReference = companyReference
        return try await watchLinkStates(request, options: options)
    }

    /// The traffic of a data link over `window`, or from `from` to `to` when both are given.
    public func traffic(
        reference: String, window: Myopenip_V1_TrafficWindow = .day, from: Date? = nil, to: Date? = nil,
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_Traffic {
        var request = Myopenip_V1_GetTrafficRequest()
        request.reference = reference
        request.window = window
        if let from { request.from = Google_Protobuf_Timestamp(date: from) }
        if let to { request.to = Google_Protobuf_Timestamp(date: to) }
        return try await getTraffic(request, options: options)
    }

    /// The traffic graph of a data link, SVG unless asked otherwise.
    public func graph(
        reference: String, window: Myopenip_V1_TrafficWindow = .day, from: Date? = nil, to: Date? = nil,
        format: Myopenip_V1_GraphFormat = .svg, width: UInt32 = 0, height: UInt32 = 0, options: CallOptions = .default
    ) async throws -> Myopenip_V1_TrafficGraph {
        var request = Myopenip_V1_GetTrafficGraphRequest()
        request.reference = reference
        request.window = window
        if let from { request.from = Google_Protobuf_Timestamp(date: from) }
        if let to { request.to = Google_Protobuf_Timestamp(date: to) }
        request.format = format
        request.width = width
        request.height = height
        return try await getTrafficGraph(request, options: options)
    }

    /// Sets the link parameters named in `paths` ("downstream_kbps", "addresses", …).
    public func updateLink(
        reference: String, parameters: Myopenip_V1_LinkParameters, paths: [String], options: CallOptions = .default
    ) async throws -> Myopenip_V1_TechnicalService {
        var request = Myopenip_V1_UpdateLinkParametersRequest()
        request.reference = reference
        request.parameters = parameters
        request.updateMask = Google_Protobuf_FieldMask(protoPaths: paths)
        return try await updateLinkParameters(request, options: options)
    }

    /// Sets the voice trunk parameters named in `paths` ("trunk_id", "channels", "numbers").
    public func updateVoiceTrunk(
        reference: String, parameters: Myopenip_V1_VoiceTrunkParameters, paths: [String],
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_TechnicalService {
        var request = Myopenip_V1_UpdateVoiceTrunkParametersRequest()
        request.reference = reference
        request.parameters = parameters
        request.updateMask = Google_Protobuf_FieldMask(protoPaths: paths)
        return try await updateVoiceTrunkParameters(request, options: options)
    }
}

/// Conveniences over the generated client of `myopenip.v1.CollectorService`.
extension CollectorClient {
    /// Reports state changes of links.
    public func report(
        states: [Myopenip_V1_LinkStateReport], options: CallOptions = .default
    ) async throws -> Myopenip_V1_ReportLinkStatesResponse {
        var request = Myopenip_V1_ReportLinkStatesRequest()
        request.reports = states
        return try await reportLinkStates(request, options: options)
    }

    /// Reports 5-minute traffic samples.
    public func report(
        samples: [Myopenip_V1_TrafficSampleReport], options: CallOptions = .default
    ) async throws -> Myopenip_V1_ReportTrafficResponse {
        var request = Myopenip_V1_ReportTrafficRequest()
        request.samples = samples
        return try await reportTraffic(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.NetworkService`.
    public var network: NetworkClient { NetworkClient(client: self) }
    /// `myopenip.v1.CollectorService`.
    public var collector: CollectorClient { CollectorClient(client: self) }
}
