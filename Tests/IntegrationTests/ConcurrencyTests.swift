import MyOpenIPClient
import Testing

@Suite("Many calls in flight")
struct ConcurrencyTests {
    @Test(arguments: TestTransport.allCases)
    func hundredsOfCallsOnOneConnectionComeBackToTheirCallers(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            // Over TCP, a peer that signed in (anonymous peers may have 16 calls in flight).
            let client =
                transport == .tcp
                ? try await daemon.loggedIn(try await daemon.createActiveUser(), over: .tcp) : daemon.client(.unix)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<500 {
                    group.addTask {
                        // Mixed durations make responses come back out of order.
                        let echo = try await client.probe(
                            index % 5 == 0 ? ProbeService.sleep : ProbeService.echo,
                            ["ms": "\(index % 7)"],
                            options: .requestID("call-\(index)"))
                        if index % 5 != 0 { #expect(echo.metadata["request_id"] == "call-\(index)") }
                        #expect(echo.metadata["ms"] == (index % 5 == 0 ? "\(index % 7)" : nil))
                    }
                }
                try await group.waitForAll()
            }
            // The fixtures' own clients may still be closing.
            #expect(await daemon.connections(become: 1))
            await client.close()
        }
    }

    @Test func callsAcrossManyConnectionsAndBothTransports() async throws {
        try await withTestDaemon { daemon async throws in
            let clients = (0..<16).map { daemon.client($0 % 2 == 0 ? .unix : .tcp) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, client) in clients.enumerated() {
                    for call in 0..<40 {
                        group.addTask {
                            let echo = try await client.probe(ProbeService.echo, options: .requestID("\(index)-\(call)"))
                            #expect(echo.metadata["request_id"] == "\(index)-\(call)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(await daemon.connections(become: 16))
            for client in clients { await client.close() }
        }
    }
}
