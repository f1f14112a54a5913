import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf

extension NetworkService {
    public func getTraffic(_ request: Myopenip_V1_GetTrafficRequest, context: ServerContext) async throws
        -> Myopenip_V1_Traffic
    {
        let (service, series) = try await traffic(
            request.reference, window: request.window, from: request.hasFrom ? request.from : nil,
            to: request.hasTo ? request.to : nil, context: context)
        return Myopenip_V1_Traffic(series, reference: service.reference)
    }

    public func getTrafficGraph(_ request: Myopenip_V1_GetTrafficGraphRequest, context: ServerContext) async throws
        -> Myopenip_V1_TrafficGraph
    {
        let format = try GraphFormat(request.format)
        let width = try Self.side(request.width, default: 800, range: 320...3_840, field: "width")
        let height = try Self.side(request.height, default: 320, range: 200...2_160, field: "height")
        let (service, series) = try await traffic(
            request.reference, window: request.window, from: request.hasFrom ? request.from : nil,
            to: request.hasTo ? request.to : nil, context: context)
        let title = "\(service.reference) — \(service.name) — \(service.companyName)"
        var graph = Myopenip_V1_TrafficGraph()
        graph.content = try await graphs.render(series, title: title, format: format, width: width, height: height)
        graph.contentType = format.contentType
        graph.fileName = "\(service.reference)-\(Self.windowName(request)).\(format.fileExtension)"
        if let percentile = series.percentile { graph.percentile95 = Myopenip_V1_TrafficPercentile(percentile) }
        return graph
    }

    /// The traffic of the data link `text` over the window asked, at the finest tier kept.
    func traffic(
        _ text: String, window: Myopenip_V1_TrafficWindow, from: Google_Protobuf_Timestamp?,
        to: Google_Protobuf_Timestamp?, context: ServerContext
    ) async throws -> (TrafficServiceWindow) {
        let service = try await self.service(text, context: context)
        guard service.kind == .dataLink else { throw NetworkViolation.notALink }
        let now = time.timestamp().seconds
        let bounds = try Self.window(window, from: from, to: to).bounds(now: now)
        let tier = TrafficWindow.tier(from: bounds.from, to: bounds.to, now: now)
        let points = try await network.traffic(
            serviceID: service.id, tier: tier, from: tier.bucket(of: bounds.from), to: bounds.to)
        return (service, TrafficSeries(from: bounds.from, to: bounds.to, tier: tier, points: points))
    }

    static func window(_ window: Myopenip_V1_TrafficWindow, from: Google_Protobuf_Timestamp?, to: Google_Protobuf_Timestamp?)
        throws -> TrafficWindow
    {
        switch (from, to) {
        case (let from?, let to?):
            return .range(
                from: try Timestamp(from, field: "from").seconds, to: try Timestamp(to, field: "to").seconds)
        case (nil, nil):
            switch window {
            case .unspecified, .day: return .day
            case .week: return .week
            case .month: return .month
            case .year: return .year
            case .UNRECOGNIZED:
                throw RPCError(.invalidArgument, "fenêtre inconnue", reason: "TRAFFIC_WINDOW_INVALID", field: "window")
            }
        default:
            throw RPCError(
                .invalidArgument, "a window of one's own gives both from and to", reason: "TRAFFIC_RANGE_INCOMPLETE",
                field: from == nil ? "from" : "to")
        }
    }

    static func windowName(_ request: Myopenip_V1_GetTrafficGraphRequest) -> String {
        if request.hasFrom && request.hasTo { return "\(request.from.seconds)-\(request.to.seconds)" }
        switch request.window {
        case .week: return "week"
        case .month: return "month"
        case .year: return "year"
        default: return "day"
        }
    }

    static func side(_ value: UInt32, default fallback: Int, range: ClosedRange<Int>, field: String) throws(RPCError)
        -> Int
    {
        guard value != 0 else { return fallback }
        guard range.contains(Int(value)) else {
            throw RPCError(
                .invalidArgument, "\(field) is from \(range.lowerBound) to \(range.upperBound) pixels",
                reason: "GRAPH_SIZE_INVALID", field: field)
        }
        return Int(value)
    }
}

/// A service and its traffic over a window.
typealias TrafficServiceWindow = (service: TechnicalServiceRecord, series: TrafficSeries)
