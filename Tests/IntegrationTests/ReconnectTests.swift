import Foundation
import MyOpenIPClient
import Testing

@Suite("Connection loss and reconnection")
struct ReconnectTests {
    @Test func theNextCallReconnectsAfterTheDaemonComesBack() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try await TestDaemon.start(folder: folder, grace: .milliseconds(100))
        let client = MyOpenIPClient(target: .unix(path: first.socketPath))
        #expect(try await client.health.check() == .serving)

        // A call in flight when the daemon goes away fails with UNAVAILABLE.
        async let lost = rpcError { try await client.probe(ProbeService.sleep, ["ms": "10000"]) }
        #expect(await first.probe.wait(for: "sleep.started"))
        try await first.stop()
        let error = await lost
        #expect(error?.code == .unavailable)

        // While no daemon listens, calls fail fast with UNAVAILABLE.
        let down = await rpcError { try await client.health.check() }
        #expect(down?.code == .unavailable)
        #expect(down?.message.contains("is myopenipd running?") == true)

        // The same client reconnects to the new daemon on its next call.
        let second = try await TestDaemon.start(folder: folder)
        #expect(try await client.health.check() == .serving)
        try await second.stop()
        await client.close()
    }

    @Test func aClosedClientRefusesCalls() async throws {
        try await withTestDaemon { daemon async throws in
            let client = daemon.client(.unix)
            #expect(try await client.health.check() == .serving)
            await client.close()
            #expect(await rpcError { try await client.health.check() }?.code == .unavailable)
        }
    }
}
