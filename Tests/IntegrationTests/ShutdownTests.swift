import Foundation
import MyOpenIPClient
import Testing

@Suite("Graceful shutdown")
struct ShutdownTests {
    @Test func callsInFlightFinishWhileHealthSaysNotServingAndNewWorkIsRefused() async throws {
        let daemon = try await TestDaemon.start(grace: .seconds(120))
        defer { daemon.removeFolder() }
        let client = daemon.client(.unix)
        #expect(try await client.health.check() == .serving)

        try await withThrowingTaskGroup(of: Void.self) { group in
            // The calls run until the checks below are done, however loaded the machine is.
            for _ in 0..<10 {
                group.addTask {
                    _ = try await client.probe(ProbeService.sleep, ["ms": "60000", "gate": "checked"])
                }
            }
            #expect(await daemon.probe.wait(for: "sleep.started", count: 10))
            daemon.daemon.server.beginShutdown()

            // The open connection still gets answers while its calls run.
            #expect(try await client.health.check() == .notServing)
            let refused = await rpcError { try await client.probe(ProbeService.echo) }
            #expect(refused?.code == .unavailable)
            #expect(refused?.reason == "SHUTTING_DOWN")
            // New connections are no longer accepted.
            let newcomer = daemon.client(.tcp)
            #expect(await rpcError { try await newcomer.health.check() }?.code == .unavailable)

            daemon.probe.open("checked")
            try await group.waitForAll()  // every call in flight finished normally
        }
        #expect(daemon.probe.count("sleep.finished") == 10)
        try await daemon.waitUntilStopped()
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
        await client.close()
    }

    @Test func callsStillRunningAfterTheGracePeriodAreCutOff() async throws {
        let daemon = try await TestDaemon.start(grace: .milliseconds(200))
        defer { daemon.removeFolder() }
        let client = daemon.client(.tcp)
        async let call = rpcError { try await client.probe(ProbeService.sleep, ["ms": "20000"]) }
        #expect(await daemon.probe.wait(for: "sleep.started"))
        let start = ContinuousClock.now
        daemon.daemon.server.beginShutdown()
        try await daemon.waitUntilStopped()
        #expect(start.duration(to: .now) < .seconds(5))
        #expect(await call?.code == .unavailable)
        #expect(await daemon.probe.wait(for: "sleep.cancelled"))
        await client.close()
    }

    @Test func cancellingTheServerClosesEverythingAtOnce() async throws {
        let daemon = try await TestDaemon.start(grace: .seconds(30))
        defer { daemon.removeFolder() }
        let client = daemon.client(.unix)
        async let call = rpcError { try await client.probe(ProbeService.sleep, ["ms": "20000"]) }
        #expect(await daemon.probe.wait(for: "sleep.started"))
        let start = ContinuousClock.now
        daemon.cancel()
        try await daemon.waitUntilStopped()
        #expect(start.duration(to: .now) < .seconds(5))
        #expect(await call?.code == .unavailable)
        #expect(daemon.daemon.server.connectionCount == 0)
        await client.close()
    }

    @Test func anIdleDaemonStopsAtOnce() async throws {
        let daemon = try await TestDaemon.start(grace: .seconds(30))
        defer { daemon.removeFolder() }
        let client = daemon.client(.unix)
        #expect(try await client.health.check() == .serving)
        let start = ContinuousClock.now
        try await daemon.stop()
        #expect(start.duration(to: .now) < .seconds(5))
        await client.close()
    }
}
