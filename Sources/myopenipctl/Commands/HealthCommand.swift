import ArgumentParser
import MyOpenIPClient

/// `myopenipctl health [SERVICE]`: whether the daemon, or one of its services, is serving.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Show whether the daemon (or one service) is serving; exit 2 when it is not.")

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "A fully qualified service name; empty for the daemon as a whole.")
    var service: String = ""

    @Flag(help: "Stream the status: print it now and at each change, until the daemon stops.")
    var watch = false

    func run() async throws {
        if watch { return try await runWatch() }
        let status = try await connection.withClient { client in
            try await client.health.check(service: service)
        }
        let name = Self.name(of: status)
        if connection.json {
            Output.printJSON(["service": service, "status": name])
        } else {
            Output.printTable(header: ["SERVICE", "STATUS"], rows: [[service.isEmpty ? "(daemon)" : service, name]])
        }
        if status != .serving { throw ExitCode(CLIExitCode.notServing.rawValue) }
    }

    private func runWatch() async throws {
        try await connection.withClient(timeout: nil) { client in
            for try await status in try await client.health.watch(service: service) {
                if connection.json {
                    Output.printJSON(["service": service, "status": Self.name(of: status)], pretty: false)
                } else {
                    print("\(service.isEmpty ? "(daemon)" : service)  \(Self.name(of: status))")
                }
                Output.flush()  // each change goes out as it happens, even into a pipe
            }
        }
    }

    static func name(of status: Grpc_Health_V1_HealthCheckResponse.ServingStatus) -> String {
        switch status {
        case .serving: return "SERVING"
        case .notServing: return "NOT_SERVING"
        case .serviceUnknown: return "SERVICE_UNKNOWN"
        case .unknown: return "UNKNOWN"
        case .UNRECOGNIZED(let value): return "UNRECOGNIZED(\(value))"
        }
    }
}
