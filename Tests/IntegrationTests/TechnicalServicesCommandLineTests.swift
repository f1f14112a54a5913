import Foundation
import MyOpenIPClient
import MyOpenIPDomain
import Testing

@Suite(
    "Technical services from the command line: watch, traffic, graph, parameters",
    .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct TechnicalServicesCommandLineTests {
    @Test("the client watches its link change state, reads its traffic as sparklines and writes its graph; staff set it up")
    func watchTrafficGraph() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await TechnicalWorld.prepare(daemon)
            let token = try #require(world.user.sessionToken)
            let client = ["--address", "127.0.0.1:\(daemon.tcpPort)", "--token", token]
            func asOperator(_ arguments: [String]) async throws -> Executables.Outcome {
                try await Executables.run("myopenipctl", arguments + ["--socket", daemon.socketPath])
            }
            func asClient(_ arguments: [String]) async throws -> Executables.Outcome {
                try await Executables.run("myopenipctl", arguments + client, environment: ["MYOPENIP_TOKEN": ""])
            }

            // Staff set the link up; only what is given changes.
            let set = try await asOperator([
                "service", "set-link", "OC00001", "--access", "fiber-dedicated", "--downstream-kbps", "500000",
                "--upstream-kbps", "100000", "--interface", "par-pe1:xe-0/0/1.120", "--prefix", "192.0.2.1/29",
            ])
            #expect(set.status == 0, "\(set.standardError)")
            #expect(set.standardOutput.contains("Fibre dédiée (FTTO)") && set.standardOutput.contains("192.0.2.0/29"))
            let trunk = try await asOperator([
                "service", "set-trunk", "OC00002", "--channels", "20", "--number", "01 23 45 67 89",
            ])
            #expect(trunk.standardOutput.contains("+33123456789"), "\(trunk.standardError)")
            let badAddress = try await asOperator(["service", "set-link", "OC00001", "--prefix", "300.1.2.3"])
            #expect(badAddress.status == 1 && badAddress.standardError.contains("300.1.2.3"), "\(badAddress.standardError)")
            let refused = try await asClient(["service", "set-link", "OC00001", "--downstream-kbps", "1"])
            #expect(refused.status == 1)

            let list = try await asClient(["service", "list"])
            #expect(list.status == 0, "\(list.standardError)")
            #expect(list.standardOutput.contains("OC00001") && list.standardOutput.contains("500 Mbit/s / 100 Mbit/s"))
            #expect(list.standardOutput.contains("20 canaux, 1 numéros"))

            // The client watches OC00001 while the collector reports it down, then up.
            let watcher = try WatchingCommand(["service", "watch", "OC00001"] + client, environment: ["MYOPENIP_TOKEN": ""])
            #expect(try watcher.read { $0.contains("\n") }.contains("OC00001  état actuel : Inconnu"))
            let base = Date(timeIntervalSince1970: TimeInterval(daemon.clock.timestamp().seconds))
            _ = try await world.admin.collector.report(states: [
                stateReport("OC00001", .down, reason: "perte de porteuse", at: base),
                stateReport("OC00001", .up, at: base.addingTimeInterval(60)),
            ])
            let watched = try watcher.read { $0.contains("→ Opérationnel") }
            await watcher.stop()
            #expect(watched.contains("OC00001  → Coupé  — perte de porteuse"), "\(watched)")

            // Traffic: sparklines with current, average and peak; the graph as SVG and PNG.
            let last = TrafficTier.fiveMinutes.bucket(of: daemon.clock.timestamp().seconds) - 300
            let samples = (0..<48).map { index in
                trafficSample(
                    "OC00001", at: last - Int64(47 - index) * 300, in: Int64(index + 1) * 1_000_000, out: 500_000)
            }
            _ = try await world.admin.collector.report(samples: samples)
            let traffic = try await asClient(["service", "traffic", "OC00001", "--width", "60"])
            #expect(traffic.status == 0, "\(traffic.standardError)")
            #expect(traffic.standardOutput.contains("actuel 48,0 Mbit/s"), "\(traffic.standardOutput)")
            #expect(traffic.standardOutput.contains("pic 48,0 Mbit/s"))
            #expect(traffic.standardOutput.contains("95e percentile : 46,0 Mbit/s"))
            #expect(traffic.standardOutput.contains("█"))
            let svgPath = daemon.folder + "/link.svg"
            let graph = try await asClient(["service", "graph", "OC00001", "--window", "week", "--out", svgPath])
            #expect(graph.status == 0, "\(graph.standardError)")
            #expect(graph.standardOutput.contains("95e percentile 46,0 Mbit/s"))
            let lint = try await Executables.runProgram("/usr/bin/xmllint", ["--noout", svgPath])
            #expect(lint.status == 0, "\(lint.standardError)")
            let pngPath = daemon.folder + "/link.png"
            let png = try await asClient(["service", "graph", "OC00001", "--out", pngPath])
            #expect(png.status == 0, "\(png.standardError)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: pngPath))
            #expect(bytes.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
            let bad = try await asClient(["service", "graph", "OC00001", "--from", "yesterday"])
            #expect(bad.status == 64)
        }
    }
}
