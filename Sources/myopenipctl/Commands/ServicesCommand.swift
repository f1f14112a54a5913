import ArgumentParser
import MyOpenIPClient

/// `myopenipctl services`: every service and method the daemon serves.
struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services",
        abstract: "List the services and methods the daemon serves, with their message types.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let services = try await connection.withClient { client in
            try await client.reflection.listServices()
        }
        if connection.json {
            Output.printJSON(services.map { service in
                [
                    "name": service.name,
                    "methods": service.methods.map { method in
                        [
                            "name": method.name, "request_type": method.requestType,
                            "response_type": method.responseType, "server_streaming": method.serverStreaming,
                        ] as [String: Any]
                    },
                ] as [String: Any]
            })
        } else {
            Output.printTable(
                header: ["SERVICE", "METHOD", "REQUEST", "RESPONSE"],
                rows: services.flatMap { service in
                    service.methods.map { method in
                        [service.name, method.name, method.requestType,
                         (method.serverStreaming ? "stream " : "") + method.responseType]
                    }
                })
        }
    }
}
