import ArgumentParser
import Foundation
import MyOpenIPClient
import MyOpenIPTransport

/// `--compare`: several calls measured one after the other against one daemon, printed side by
/// side with each call's throughput and median latency as a ratio to Health/Check's in the same
/// run (absolute figures move between runs on a shared machine; ratios much less).
enum CompareBench {
    static func run(
        calls: [BenchCall], child: DaemonProcess, transports: [String], concurrencies: [Int], seconds: Double,
        timeout: Double
    ) async throws {
        let calls = [BenchCall.health] + calls.filter { $0 != .health }
        var fixture = BenchFixture(login: "", siteID: 0)
        if calls.contains(where: \.needsSession) || calls.contains(.login) {
            let login = try await BenchCall.prepareAccount(socketPath: child.socketPath)
            fixture =
                calls.contains(where: \.needsSite)
                ? try await BenchCall.prepareSite(login: login, socketPath: child.socketPath)
                : BenchFixture(login: login, siteID: 0)
        }
        // Orders are placed by a client's user, in a world of their own.
        let orderFixture = calls.contains(.placeOrder) ? try await OrderBench.prepare(socketPath: child.socketPath) : nil
        print(
            "myopenip-bench --compare: \(seconds)s per row, one connection, \(ProcessInfo.processInfo.activeProcessorCount) cores"
        )
        print(
            "transport  in-flight  call                   calls/s  x Health    p50 µs  x Health    p99 µs   p999 µs  errors  RSS MiB"
        )
        for transport in transports {
            let target: ConnectionTarget =
                transport == "tcp" ? .tcp(host: "127.0.0.1", port: child.tcpPort) : .unix(path: child.socketPath)
            for concurrency in concurrencies {
                var health: LoadRun?
                for call in calls {
                    let fixture = call == .placeOrder ? orderFixture ?? fixture : fixture
                    let client = MyOpenIPClient(
                        target: target,
                        configuration: .init(defaultTimeout: timeout > 0 ? .milliseconds(Int64(timeout * 1000)) : nil))
                    if call.needsSession || transport == "tcp" {
                        try await client.identity.login(identifier: fixture.login, password: BenchCall.password)
                        // The order world publishes terms of use: every session accepts them.
                        if orderFixture != nil { _ = try await client.terms.accept(version: 1) }
                    }
                    _ = try await LoadRun.run(
                        clients: [client], concurrency: concurrency, seconds: min(0.5, seconds), call: call, fixture: fixture)
                    let result = try await LoadRun.run(
                        clients: [client], concurrency: concurrency, seconds: seconds, call: call, fixture: fixture)
                    await client.close()
                    if call == .health { health = result }
                    let reference = health ?? result
                    print(
                        String(
                            format: "%@  %9d  %@  %10.0f  %8.2f  %8.1f  %8.2f  %8.1f  %8.1f  %6d  %7.1f",
                            transport.padding(toLength: 9, withPad: " ", startingAt: 0) as NSString, concurrency,
                            call.rawValue.padding(toLength: 19, withPad: " ", startingAt: 0) as NSString, result.callsPerSecond,
                            result.callsPerSecond / max(1, reference.callsPerSecond), result.percentile(0.5),
                            result.percentile(0.5) / max(0.001, reference.percentile(0.5)), result.percentile(0.99),
                            result.percentile(0.999), result.errors, Double(child.residentKiB()) / 1024))
                }
            }
        }
        print("daemon peak RSS: \(child.peakResidentKiB() / 1024) MiB")
    }
}
