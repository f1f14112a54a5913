import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

extension TechnicalServiceKind {
    init(_ kind: Myopenip_V1_TechnicalServiceKind, field: String) throws(RPCError) {
        guard let value = TechnicalServiceKind.allCases.first(where: { $0.proto == kind }) else {
            throw RPCError(.invalidArgument, "type de service inconnu", reason: "KIND_INVALID", field: field)
        }
        self = value
    }

    var proto: Myopenip_V1_TechnicalServiceKind {
        switch self {
        case .dataLink: .dataLink
        case .voiceTrunk: .voiceTrunk
        }
    }
}

extension LinkState {
    init(_ state: Myopenip_V1_LinkState, field: String) throws(RPCError) {
        guard let value = LinkState.allCases.first(where: { $0.proto == state }) else {
            throw RPCError(.invalidArgument, "état de lien inconnu", reason: "LINK_STATE_INVALID", field: field)
        }
        self = value
    }

    var proto: Myopenip_V1_LinkState {
        switch self {
        case .unknown: .unknown
        case .up: .up
        case .down: .down
        case .degraded: .degraded
        }
    }
}

extension AccessType {
    /// nil for ACCESS_TYPE_UNSPECIFIED (not set).
    static func from(_ type: Myopenip_V1_AccessType) throws(RPCError) -> AccessType? {
        if type == .unspecified { return nil }
        guard let value = AccessType.allCases.first(where: { $0.proto == type }) else {
            throw RPCError(
                .invalidArgument, "type d'accès inconnu", reason: "ACCESS_TYPE_INVALID", field: "parameters.access_type")
        }
        return value
    }

    var proto: Myopenip_V1_AccessType {
        switch self {
        case .fiberDedicated: .fiberDedicated
        case .fiberShared: .fiberShared
        case .sdsl: .sdsl
        case .vdsl: .vdsl
        case .adsl: .adsl
        case .cellular: .cellular
        case .satellite: .satellite
        }
    }
}

extension Myopenip_V1_LinkStatus {
    init(_ status: LinkStatus) {
        self.init()
        state = status.state.proto
        stateLabel = status.state.label
        reason = status.reason
        if let changedAt = status.changedAt { self.changedAt = Google_Protobuf_Timestamp(changedAt) }
    }
}

extension Myopenip_V1_LinkParameters {
    init(_ parameters: LinkParameters) {
        self.init()
        if let type = parameters.accessType {
            accessType = type.proto
            accessTypeLabel = type.label
        }
        downstreamKbps = parameters.downstreamKbps ?? 0
        upstreamKbps = parameters.upstreamKbps ?? 0
        interfaceID = parameters.interfaceID ?? ""
        addresses = parameters.addresses.map(\.description)
    }
}

extension Myopenip_V1_VoiceTrunkParameters {
    init(_ parameters: VoiceTrunkParameters) {
        self.init()
        trunkID = parameters.trunkID ?? ""
        channels = UInt32(parameters.channels ?? 0)
        numbers = parameters.numbers
    }
}

extension Myopenip_V1_TechnicalService {
    init(_ record: TechnicalServiceRecord) {
        self.init()
        reference = record.reference
        name = record.name
        offeringCode = record.offeringCode
        category = record.category.proto
        kind = record.kind.proto
        kindLabel = record.kind.label
        companyReference = record.companyReference
        companyName = record.companyName
        city = record.city
        offerState = record.offerState.proto
        offerStateLabel = record.offerState.label
        if let link = record.link { self.link = Myopenip_V1_LinkParameters(link) }
        if let trunk = record.voiceTrunk { voiceTrunk = Myopenip_V1_VoiceTrunkParameters(trunk) }
        status = Myopenip_V1_LinkStatus(record.status)
        if let at = record.parametersUpdatedAt { parametersUpdatedAt = Google_Protobuf_Timestamp(at) }
        if let at = record.lastSampleAt { lastSampleAt = Google_Protobuf_Timestamp(seconds: at) }
    }
}

extension Myopenip_V1_LinkStateChange {
    init(_ event: LinkStateEvent, initial: Bool) {
        self.init()
        reference = event.reference
        companyReference = event.companyReference
        status = Myopenip_V1_LinkStatus(event.status)
        self.initial = initial
    }
}

extension Myopenip_V1_TrafficPercentile {
    init(_ percentile: TrafficPercentile) {
        self.init()
        inBitsPerSecond = percentile.inBitsPerSecond
        outBitsPerSecond = percentile.outBitsPerSecond
        billedBitsPerSecond = percentile.billed
        resolutionSeconds = UInt32(percentile.tier.seconds)
        values = UInt32(percentile.values)
    }
}

extension Myopenip_V1_TrafficPoint {
    init(_ point: TrafficAggregate) {
        self.init()
        start = Google_Protobuf_Timestamp(seconds: point.start)
        samples = UInt32(clamping: point.samples)
        inAverage = point.inAverage
        inMinimum = point.inMinimum
        inMaximum = point.inMaximum
        outAverage = point.outAverage
        outMinimum = point.outMinimum
        outMaximum = point.outMaximum
    }
}

extension Myopenip_V1_Traffic {
    init(_ series: TrafficSeries, reference: String) {
        self.init()
        self.reference = reference
        from = Google_Protobuf_Timestamp(seconds: series.from)
        to = Google_Protobuf_Timestamp(seconds: series.to)
        resolutionSeconds = UInt32(series.tier.seconds)
        points = series.points.map(Myopenip_V1_TrafficPoint.init)
        if let percentile = series.percentile { percentile95 = Myopenip_V1_TrafficPercentile(percentile) }
        peakBitsPerSecond = series.peak
        if let total = series.total {
            inAverage = total.inAverage
            outAverage = total.outAverage
        }
    }
}

extension Myopenip_V1_RejectedReport {
    init(_ rejected: RejectedNetworkReport) {
        self.init()
        index = UInt32(rejected.index)
        reference = rejected.reference
        reason = rejected.violation.reason
        message = rejected.violation.message
        field = rejected.violation.field ?? ""
    }
}
