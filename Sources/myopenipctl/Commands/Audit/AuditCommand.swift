import ArgumentParser
import MyOpenIPClient

/// `myopenipctl audit list`: the audit trail.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read the audit trail.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List audit events, newest first.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only the events about this login.") var account: String = ""
        @Option(help: "Only the events of this action, e.g. login.failed.") var action: String = ""
        @Option(help: "Only the events about this company, e.g. OIP-00000002.") var company: String = ""
        @Option(help: "Events per page (at most 500).") var pageSize: UInt32 = 50
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.audit.list(
                    accountLogin: account, action: action, companyReference: company, pageSize: pageSize, pageToken: pageToken)
            }
            if connection.json { return Output.printMessage(page) }
            Output.printTable(
                header: ["ID", "TIME", "ACTOR", "ACTION", "ACCOUNT", "COMPANY", "DETAILS"],
                rows: page.events.map { event in
                    [
                        String(event.id), event.occurredAt.iso8601, event.actor, event.action,
                        event.accountLogin.isEmpty ? "-" : event.accountLogin,
                        event.companyReference.isEmpty ? "-" : event.companyReference,
                        event.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "),
                    ]
                })
            Output.printNextPage(page.nextPageToken)
        }
    }
}
