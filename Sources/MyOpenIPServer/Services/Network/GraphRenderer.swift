import Foundation
import MyOpenIPDomain
import MyOpenIPGraph
import MyOpenIPProto
import MyOpenIPRPC
import NIOPosix

/// The file formats of a traffic graph.
enum GraphFormat: Sendable {
    case svg
    case png

    init(_ format: Myopenip_V1_GraphFormat) throws(RPCError) {
        switch format {
        case .unspecified, .svg: self = .svg
        case .png: self = .png
        case .UNRECOGNIZED:
            throw RPCError(.invalidArgument, "format de graphe inconnu", reason: "GRAPH_FORMAT_INVALID", field: "format")
        }
    }

    var contentType: String { self == .svg ? "image/svg+xml" : "image/png" }
    var fileExtension: String { self == .svg ? "svg" : "png" }
}

/// Draws traffic graphs on NIO's thread pool, never on an event loop: a month of points takes
/// milliseconds to draw, and a PNG more to rasterise.
public struct GraphRenderer: Sendable {
    let threadPool: NIOThreadPool

    public init(threadPool: NIOThreadPool = .singleton) {
        self.threadPool = threadPool
    }

    func render(_ series: TrafficSeries, title: String, format: GraphFormat, width: Int, height: Int) async throws
        -> Data
    {
        try await threadPool.runIfActive {
            let svg = TrafficGraphSVG.render(series, title: title, width: width, height: height)
            switch format {
            case .svg: return Data(svg.utf8)
            case .png:
                do {
                    return Data(try PNGRenderer.png(fromSVG: svg, width: width, height: height))
                } catch {
                    throw RPCError(.internal, "the graph could not be drawn: \(error)", reason: "GRAPH_RENDERING_FAILED")
                }
            }
        }
    }
}
