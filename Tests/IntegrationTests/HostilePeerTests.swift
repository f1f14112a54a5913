import Foundation
import MyOpenIPClient
import MyOpenIPServer
import MyOpenIPTransport
import Testing

/// Peers that do not play by the rules: they never read, never call, open too many connections,
/// or pile up calls. Each costs the daemon a bounded amount, and well-behaved clients are served.
@Suite("Hostile peers")
struct HostilePeerTests {
    /// Tight limits, so that the tests reach them quickly.
    static var tight: ConnectionSettings {
        var settings = ConnectionSettings()
        settings.anonymous.maximumUnwrittenBytes = 16 << 10
        settings.anonymous.idleTimeout = .seconds(5)
        settings.stalledReaderTimeout = .seconds(1)
        return settings
    }

    @Test("a peer that pipelines requests and never reads stops being read, is closed, and slows nobody")
    func neverReads() async throws {
        try await withTestDaemon(connections: Self.tight) { daemon async throws in
            let request = try RawConnection.request(
                service: "myopenip.v1.ReflectionService", method: "ListServices", message: Myopenip_V1_ListServicesRequest())
            let hostile = try RawConnection(tcpPort: daemon.tcpPort)
            hostile.setSendTimeout(seconds: 1)
            // Sends until the daemon stops reading and the kernel's buffers are full.
            let sender = Task.detached {
                var sent = 0
                var streamID: UInt32 = 1
                while sent < 2_000_000, hostile.sendFrame(streamID: streamID, payload: request) {
                    sent += 1
                    streamID &+= 2
                }
                return sent
            }
            // Meanwhile the operator is served (its latency is measured by tools/hostile-load.py,
            // away from the suite's own load).
            let client = daemon.operatorClient()
            for _ in 0..<200 { #expect(try await client.health.check() == .serving) }
            let sent = await sender.value
            #expect(sent < 2_000_000, "the daemon kept reading a peer that never reads")
            // The peer that never reads is closed once it has not read for the stalled-reader timeout.
            #expect(await daemon.connections(become: 1))
            #expect(try await client.health.check() == .serving)
            await client.close()
        }
    }

    @Test("an anonymous connection with no call in flight is closed after its idle timeout; a watch is not idle")
    func idleConnections() async throws {
        try await withTestDaemon(connections: Self.tight) { daemon async throws in
            let idle = try RawConnection(tcpPort: daemon.tcpPort)
            // A server stream in flight keeps its connection open past the idle timeout.
            let watcher = daemon.client(.tcp)
            let stream = try await watcher.health.watch()
            var statuses = stream.makeAsyncIterator()
            #expect(try await statuses.next() == .serving)
            #expect(await daemon.connections(become: 1, within: .seconds(30)))
            #expect(idle.isClosedByPeer())
            #expect(daemon.daemon.server.connectionCount == 1)
            await watcher.close()
        }
    }

    @Test("connections past the limit are closed at once; the operator keeps a reserve")
    func connectionLimit() async throws {
        var settings = ConnectionSettings()
        settings.maximumConnections = 3
        try await withTestDaemon(connections: settings) { daemon async throws in
            var open = try (0..<3).map { _ in try RawConnection(tcpPort: daemon.tcpPort) }
            #expect(await daemon.connections(become: 3))
            let refused = try RawConnection(tcpPort: daemon.tcpPort)
            #expect(refused.isClosedByPeer())
            // The operator connects and is served all the same.
            let client = daemon.operatorClient()
            #expect(try await client.health.check() == .serving)
            await client.close()
            // A freed place is taken again.
            open.removeFirst()
            #expect(await daemon.connections(become: 2))
            open.append(try RawConnection(tcpPort: daemon.tcpPort))
            #expect(await daemon.connections(become: 3))
            withExtendedLifetime(open) {}
        }
    }

    @Test("an anonymous peer has few calls in flight; a signed-in one many")
    func callsInFlight() async throws {
        try await withTestDaemon { daemon async throws in
            func forty(_ client: MyOpenIPClient, gate: String) async throws -> [String] {
                // The calls that run wait at the gate until each of the forty has started or
                // been refused, so that all forty are in flight together however loaded the
                // machine is.
                return try await withThrowingTaskGroup(of: String?.self) { group in
                    for _ in 0..<40 {
                        group.addTask {
                            do {
                                _ = try await client.probe(ProbeService.sleep, ["ms": "60000", "gate": gate])
                                return "ok"
                            } catch let error as RPCError {
                                daemon.probe.record("refused:" + gate)
                                return error.reason ?? "\(error.code)"
                            }
                        }
                    }
                    group.addTask {
                        let end = ContinuousClock.now.advanced(by: .seconds(60))
                        while daemon.probe.count("sleep.started:" + gate) + daemon.probe.count("refused:" + gate) < 40,
                            ContinuousClock.now < end
                        {
                            try await Task.sleep(for: .milliseconds(5))
                        }
                        daemon.probe.open(gate)
                        return nil
                    }
                    return try await group.reduce(into: [String]()) { if let outcome = $1 { $0.append(outcome) } }
                }
            }
            let anonymous = daemon.client(.tcp)
            let outcomes = try await forty(anonymous, gate: "anonymous")
            let limit = RPCServerConfiguration.ConnectionLimits.anonymous.maximumCalls
            #expect(outcomes.filter { $0 == "ok" }.count <= limit + 1)
            #expect(outcomes.contains("TOO_MANY_CALLS"))
            // Signed in on the same connection, the peer gets the trusted limits.
            let login = try await daemon.createActiveUser()
            try await anonymous.identity.login(identifier: login, password: goodPassword)
            #expect(try await forty(anonymous, gate: "signed-in").allSatisfy { $0 == "ok" })
            await anonymous.close()
        }
    }
}
