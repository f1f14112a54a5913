import ArgumentParser
import Foundation
import MyOpenIPClient
import NIOPosix

/// `myopenip-bench`: unary round trips through the whole stack (MyOpenIPClient → myopenipd →
/// MyOpenIPClient) over the Unix socket and TCP: a public call, an authenticated call, a login.
@main
struct Benchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "myopenip-bench",
        abstract: "Measure unary round trips (Health/Check, WhoAmI with a session, Login) through a real myopenipd.",
        discussion: """
            Starts the daemon as a child process on a temporary data folder, then for each \
            transport and each number of calls in flight runs calls for --seconds and prints \
            calls/s, latency percentiles and the daemon's resident memory. Build in release: \
            swift build -c release && .build/release/myopenip-bench
            """)

    @Option(help: "The myopenipd executable (default: the one beside this program).")
    var daemon: String?

    @Option(help: "Seconds of measurement per row.")
    var seconds: Double = 3

    @Option(help: "Comma-separated numbers of calls in flight.")
    var inFlight: String = "1,16,64"

    @Option(help: "Comma-separated transports: unix, tcp.")
    var transports: String = "unix,tcp"

    @Option(help: "Connections the calls in flight are spread over.")
    var connections: Int = 1

    @Option(help: "The deadline sent with each call, in seconds; 0 sends none.")
    var timeout: Double = 10

    @Option(
        help:
            "The call measured: health (public), whoami (with a session token), login (KDF), update-site, update-site-keyed, update-site-replayed (writes)."
    )
    var call: BenchCall = .health

    @Option(
        help:
            "Instead of round trips: seed this many companies (comma-separated, rising) and time every page of the company list.")
    var companies: String?

    @Option(
        help:
            "Instead of round trips: order until this many contracted offers exist (comma-separated, rising) and time every page of their list."
    )
    var offers: String?

    @Option(
        help:
            "Compare calls in one run, side by side with their ratio to Health (comma-separated, e.g. health,whoami,company-page,update-site,update-site-keyed)."
    )
    var compare: String?

    @Option(help: "Instead of round trips: queue this many mails and time their delivery to an SMTP sink on loopback.")
    var mails: Int?

    @Option(help: "Comma-separated numbers of connections to the relay, for --mails.")
    var mailConnections: String = "1,4"

    @Option(
        help:
            "Instead of round trips: bill this many companies (3 delivered services each) in one run, every PDF made.")
    var billing: Int?

    @Option(
        help:
            "Instead of round trips: technical services of this many links: sample ingest, a month graph, 1,000 watchers, disk.")
    var network: Int?

    @Option(help: "The calls of last month imported before --billing's run.")
    var calls: Int = 1_000_000

    @Option(help: "The page size of --companies and --offers.")
    var pageSize: UInt32 = 50

    @Flag(help: "Print JSON lines instead of a table.")
    var json = false

    mutating func run() async throws {
        let executable =
            daemon
            ?? URL(fileURLWithPath: CommandLine.arguments[0])
            .deletingLastPathComponent().appendingPathComponent("myopenipd").path
        let concurrencies = try inFlight.split(separator: ",").map { text in
            guard let value = Int(text), value > 0 else { throw ValidationError("--in-flight: \(text) is not a positive number") }
            return value
        }
        if let mails {
            let counts = try mailConnections.split(separator: ",").map { text in
                guard let value = Int(text), value > 0 else {
                    throw ValidationError("--mail-connections: \(text) is not a positive number")
                }
                return value
            }
            return try await MailBench.run(executable: executable, mails: mails, connectionCounts: counts, seconds: seconds)
        }
        if let billing {
            guard billing > 0, calls >= 0 else { throw ValidationError("--billing and --calls are positive numbers") }
            return try await BillingBench.run(executable: executable, companies: billing, calls: calls)
        }
        if let network {
            guard network > 0 else { throw ValidationError("--network is a positive number") }
            return try await NetworkBench.run(executable: executable, links: network)
        }
        let child = try DaemonProcess.start(executable: executable)
        defer { child.stop() }
        if let companies {
            let counts = try companies.split(separator: ",").map { text in
                guard let value = Int(text), value > 0 else {
                    throw ValidationError("--companies: \(text) is not a positive number")
                }
                return value
            }
            return try await CompanyListBench.run(socketPath: child.socketPath, counts: counts, pageSize: pageSize)
        }

        if let offers {
            let counts = try offers.split(separator: ",").map { text in
                guard let value = Int(text), value > 0 else {
                    throw ValidationError("--offers: \(text) is not a positive number")
                }
                return value
            }
            return try await OfferListBench.run(socketPath: child.socketPath, counts: counts, pageSize: pageSize)
        }

        if let compare {
            let calls = try compare.split(separator: ",").map { text in
                guard let call = BenchCall(rawValue: String(text)) else {
                    throw ValidationError("--compare: unknown call \(text)")
                }
                return call
            }
            return try await CompareBench.run(
                calls: calls, child: child, transports: transports.split(separator: ",").map(String.init),
                concurrencies: concurrencies, seconds: seconds, timeout: timeout)
        }
        let fixture = try await BenchCall.prepare(call, socketPath: child.socketPath)
        if !json {
            print(
                "myopenip-bench: \(call.title), \(seconds)s per row, \(connections) connection(s), \(ProcessInfo.processInfo.activeProcessorCount) cores"
            )
            print(Row.header)
        }
        for transport in transports.split(separator: ",").map(String.init) {
            let target: ConnectionTarget
            switch transport {
            case "unix": target = .unix(path: child.socketPath)
            case "tcp": target = .tcp(host: "127.0.0.1", port: child.tcpPort)
            default: throw ValidationError("unknown transport \(transport)")
            }
            let clients = (0..<max(1, connections)).map { _ in
                MyOpenIPClient(
                    target: target, configuration: .init(defaultTimeout: timeout > 0 ? .milliseconds(Int64(timeout * 1000)) : nil)
                )
            }
            if call.needsSession {
                for client in clients { try await client.identity.login(identifier: fixture.login, password: BenchCall.password) }
            }
            for concurrency in concurrencies {
                // Warm-up.
                _ = try await LoadRun.run(
                    clients: clients, concurrency: concurrency, seconds: min(0.5, seconds), call: call, fixture: fixture)
                let result = try await LoadRun.run(
                    clients: clients, concurrency: concurrency, seconds: seconds, call: call, fixture: fixture)
                let row = Row(transport: transport, inFlight: concurrency, result: result, daemonRSS: child.residentKiB())
                print(json ? row.json : row.text)
            }
            for client in clients { await client.close() }
        }
        if !json { print("daemon peak RSS: \(child.peakResidentKiB() / 1024) MiB") }
    }
}
