import ArgumentParser
import Foundation
import MyOpenIPClient
import MyOpenIPDomain

/// `--window` of traffic commands.
enum TrafficWindowArgument: String, ExpressibleByArgument, CaseIterable {
    case day, week, month, year

    var proto: Myopenip_V1_TrafficWindow {
        switch self {
        case .day: .day
        case .week: .week
        case .month: .month
        case .year: .year
        }
    }
}

/// The window options shared by `service traffic` and `service graph`.
struct TrafficWindowOptions: ParsableArguments {
    @Option(help: "The last day, week, month (30 days) or year.") var window: TrafficWindowArgument = .day
    @Option(help: "A window of your own, with --to: its start (RFC 3339, e.g. 2026-12-01T00:00:00+01:00).")
    var from: String?
    @Option(help: "Its end (RFC 3339).") var to: String?

    func validate() throws {
        guard (from == nil) == (to == nil) else { throw ValidationError("--from and --to go together") }
        if let from, Timestamp(parsing: from) == nil { throw ValidationError("--from is not an RFC 3339 time") }
        if let to, Timestamp(parsing: to) == nil { throw ValidationError("--to is not an RFC 3339 time") }
    }

    var fromDate: Date? { from.flatMap(Timestamp.init(parsing:))?.date }
    var toDate: Date? { to.flatMap(Timestamp.init(parsing:))?.date }
}

extension ServiceCommand {
    struct Traffic: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A data link's traffic: a sparkline of each direction with its current, average and peak rates.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The data link (OC40479).") var reference: String
        @OptionGroup var span: TrafficWindowOptions
        @Option(help: "Columns of the sparkline (default: the terminal's width).") var width: Int?

        func run() async throws {
            let traffic = try await connection.withClient { client in
                try await client.network.traffic(
                    reference: reference, window: span.window.proto, from: span.fromDate, to: span.toDate)
            }
            if connection.json { return Output.printMessage(traffic) }
            let columns = max(10, (width ?? ServiceOutput.terminalWidth()) - 12)
            ServiceOutput.printTraffic(traffic, columns: columns)
        }
    }

    struct Graph: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a data link's traffic graph (SVG, or PNG) with its 95th percentile to a file.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The data link (OC40479).") var reference: String
        @OptionGroup var span: TrafficWindowOptions
        @Option(help: "The file to write; a name ending in .png asks for a PNG (default: the graph's own name).")
        var out: String?
        @Flag(help: "A PNG rather than an SVG.") var png = false
        @Option(help: "Width in pixels (320 to 3840).") var width: UInt32 = 0
        @Option(help: "Height in pixels (200 to 2160).") var height: UInt32 = 0

        func run() async throws {
            let asPNG = png || (out?.lowercased().hasSuffix(".png") ?? false)
            let graph = try await connection.withClient { client in
                try await client.network.graph(
                    reference: reference, window: span.window.proto, from: span.fromDate, to: span.toDate,
                    format: asPNG ? .png : .svg, width: width, height: height)
            }
            let path = out ?? graph.fileName
            guard FileManager.default.createFile(atPath: path, contents: graph.content) else {
                throw CommandFailure.usage("cannot write \(path)")
            }
            if connection.json {
                var fields: [String: Any] = ["reference": reference, "file": path, "bytes": graph.content.count]
                if graph.hasPercentile95 { fields["percentile_95_bits_per_second"] = graph.percentile95.billedBitsPerSecond }
                Output.printJSON(fields)
            } else {
                var line = "\(reference) → \(path) (\(graph.content.count) octets)"
                if graph.hasPercentile95 { line += ", 95e percentile \(BitRate.text(graph.percentile95.billedBitsPerSecond))" }
                print(line)
            }
        }
    }
}
