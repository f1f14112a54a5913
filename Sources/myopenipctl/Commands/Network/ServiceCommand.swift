import ArgumentParser
import Foundation
import MyOpenIPClient
import MyOpenIPDomain

/// `myopenipctl service …`: « Technique - Voir les services »: technical services, their live
/// state, traffic and graphs; their parameters, for operator staff.
struct ServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "Technical services: list and show them, follow their state live, see and draw their traffic.",
        subcommands: [
            List.self, Show.self, Watch.self, Traffic.self, Graph.self, SetLinkCommand.self, SetTrunkCommand.self,
        ])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The technical services you may see.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this company's (OIP-…).") var company: String = ""
        @Option(help: "Only data links (data) or voice trunks (voice).") var kind: ServiceKindArgument?
        @Option(help: "Only those in this state: up, down, degraded, unknown.") var state: LinkStateArgument?
        @Option(help: "Services per page (at most 500).") var pageSize: UInt32 = 0
        @Option(help: "The page after this token (from the previous page).") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.network.list(
                    companyReference: company, kind: kind?.proto ?? .unspecified, state: state?.proto ?? .unspecified,
                    pageSize: pageSize, pageToken: pageToken)
            }
            if connection.json { return Output.printList("services", page.services, nextPageToken: page.nextPageToken) }
            Output.printTable(
                header: ["RÉF.", "NOM", "TYPE", "CLIENT", "VILLE", "ÉTAT", "DEPUIS", "PARAMÈTRES"],
                rows: page.services.map { service in
                    [
                        service.reference, service.name, service.kindLabel, service.companyName, service.city,
                        service.status.stateLabel, service.status.hasChangedAt ? service.status.changedAt.shown : "",
                        ServiceOutput.summary(service),
                    ]
                })
            Output.printNextPage(page.nextPageToken)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One technical service and its parameters.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Its contracted offer's reference (OC40479).") var reference: String

        func run() async throws {
            let service = try await connection.withClient { client in try await client.network.get(reference: reference) }
            connection.json ? Output.printMessage(service) : ServiceOutput.printDetail(service)
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the state of a service (or of a company's, or of all you may see), then each change as it happens.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The service (OC40479); none with --company or for every service you may see.")
        var reference: String = ""
        @Option(help: "The services of this company (OIP-…).") var company: String = ""

        func run() async throws {
            try await connection.withClient(timeout: nil) { client in
                for try await change in try await client.network.watch(reference: reference, companyReference: company) {
                    if connection.json {
                        Output.printJSON(Output.jsonObject(change), pretty: false)
                    } else {
                        print(ServiceOutput.line(change))
                    }
                    Output.flush()  // each change goes out as it happens, even into a pipe
                }
            }
        }
    }
}

/// `--kind` of a service list.
enum ServiceKindArgument: String, ExpressibleByArgument, CaseIterable {
    case data
    case voice

    var proto: Myopenip_V1_TechnicalServiceKind { self == .data ? .dataLink : .voiceTrunk }
}

/// `--state` of a service list.
enum LinkStateArgument: String, ExpressibleByArgument, CaseIterable {
    case up, down, degraded, unknown

    var proto: Myopenip_V1_LinkState {
        switch self {
        case .up: .up
        case .down: .down
        case .degraded: .degraded
        case .unknown: .unknown
        }
    }
}
