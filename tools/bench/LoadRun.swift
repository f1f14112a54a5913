import Foundation
import MyOpenIPClient

/// One measurement: `concurrency` tasks, each making calls back to back for a fixed time.
struct LoadRun {
    var calls: Int
    var errors: Int
    var elapsed: Double
    /// Sorted latencies in nanoseconds.
    var latencies: [UInt64]

    static func run(
        clients: [MyOpenIPClient], concurrency: Int, seconds: Double, call: BenchCall = .health,
        fixture: BenchFixture = BenchFixture(login: "", siteID: 0)
    ) async throws -> LoadRun {
        let start = ContinuousClock.now
        let end = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
        let perTask = try await withThrowingTaskGroup(of: ([UInt64], Int).self) { group in
            for index in 0..<concurrency {
                let client = clients[index % clients.count]
                group.addTask(executorPreference: client.preferredTaskExecutor) {
                    var latencies: [UInt64] = []
                    latencies.reserveCapacity(200_000)
                    var errors = 0
                    while ContinuousClock.now < end {
                        let before = DispatchTime.now().uptimeNanoseconds
                        do {
                            try await call.perform(on: client, fixture: fixture)
                        } catch {
                            errors += 1
                        }
                        latencies.append(DispatchTime.now().uptimeNanoseconds - before)
                    }
                    return (latencies, errors)
                }
            }
            var all: [([UInt64], Int)] = []
            for try await result in group { all.append(result) }
            return all
        }
        let elapsed = start.duration(to: .now)
        let latencies = perTask.flatMap(\.0).sorted()
        return LoadRun(
            calls: latencies.count,
            errors: perTask.map(\.1).reduce(0, +),
            elapsed: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            latencies: latencies)
    }

    var callsPerSecond: Double { Double(calls) / elapsed }

    /// The latency below which `fraction` of the calls finished, in microseconds.
    func percentile(_ fraction: Double) -> Double {
        guard !latencies.isEmpty else { return 0 }
        let index = min(latencies.count - 1, Int((Double(latencies.count) * fraction).rounded(.up)) - 1)
        return Double(latencies[max(0, index)]) / 1000
    }
}

/// One printed line of results.
struct Row {
    var transport: String
    var inFlight: Int
    var result: LoadRun
    var daemonRSS: Int

    static let header = "transport  in-flight     calls/s   p50 µs   p99 µs  p999 µs  errors  daemon RSS MiB"

    var text: String {
        String(
            format: "%-9@  %9d  %10.0f  %7.1f  %7.1f  %7.1f  %6d  %14.1f",
            transport as NSString, inFlight, result.callsPerSecond, result.percentile(0.50),
            result.percentile(0.99), result.percentile(0.999), result.errors, Double(daemonRSS) / 1024)
    }

    var json: String {
        String(
            format:
                #"{"transport":"%@","in_flight":%d,"calls_per_second":%.0f,"p50_us":%.1f,"p99_us":%.1f,"p999_us":%.1f,"errors":%d,"daemon_rss_kib":%d}"#,
            transport as NSString, inFlight, result.callsPerSecond, result.percentile(0.50),
            result.percentile(0.99), result.percentile(0.999), result.errors, daemonRSS)
    }
}
