import ArgumentParser
import MyOpenIPClient

/// `myopenipctl services`: every service and method the daemon serves.
struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services",
        abstract: "List the services and methods the daemon serves, with their message types and who may call them.",
        discussion: """
            ACCESS is the method's rule: public, signed in, signed in before terms (reading and \
            accepting the terms of use), operator only, or permission NAME (a right giving it, \
            or operator staff). WRITE marks the writes that an --idempotency-key makes safe to retry.
            """)

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let services = try await connection.withClient { client in
            try await client.reflection.listServices()
        }
        if connection.json {
            Output.printJSON(
                services.map { service in
                    [
                        "name": service.name,
                        "methods": service.methods.map { method in
                            [
                                "name": method.name, "request_type": method.requestType,
                                "response_type": method.responseType, "server_streaming": method.serverStreaming,
                                "access": method.access, "idempotent_write": method.idempotentWrite,
                            ] as [String: Any]
                        },
                    ] as [String: Any]
                })
        } else {
            Output.printTable(
                header: ["SERVICE", "METHOD", "REQUEST", "RESPONSE", "ACCESS", "WRITE"],
                rows: services.flatMap { service in
                    service.methods.map { method in
                        [
                            service.name, method.name, method.requestType,
                            (method.serverStreaming ? "stream " : "") + method.responseType, method.access,
                            method.idempotentWrite ? "keyed" : "",
                        ]
                    }
                })
        }
    }
}
