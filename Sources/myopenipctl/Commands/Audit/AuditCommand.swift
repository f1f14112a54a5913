import ArgumentParser
import MyOpenIPClient

/// `myopenipctl audit list`: the audit trail.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read the audit trail.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List audit events, newest first.",
            discussion: "Each event is a block: its time, action and author, what it is about, then one line per change.")

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
            if connection.json { return Output.printList("events", page.events, nextPageToken: page.nextPageToken) }
            for (index, event) in page.events.enumerated() {
                if index > 0 { print("") }
                for line in event.lines { print(line) }
            }
            Output.printNextPage(page.nextPageToken)
        }
    }
}

extension Myopenip_V1_AuditEvent {
    /// The event as short lines: `02/12/2026 09:15  site.updated  by E-0000000002  #41`, what it
    /// is about, then each change as `field: before → after` and each other detail as `key: value`.
    var lines: [String] {
        var lines = ["\(occurredAt.shown)  \(action)  by \(actor)  #\(id)"]
        let about = [accountLogin, companyReference].filter { !$0.isEmpty }
        if !about.isEmpty { lines.append("  about " + about.joined(separator: ", ")) }
        var changed: Set<String> = []
        if let before = details["before"], let after = details["after"] {
            // A whole value replaced (the rights a user holds): one line too.
            lines.append("  \(Self.shown(before)) → \(Self.shown(after))")
        }
        for key in details.keys.sorted() where key.hasPrefix("before.") {
            let field = String(key.dropFirst("before.".count))
            changed.insert(field)
            lines.append("  \(field): \(Self.shown(details[key])) → \(Self.shown(details["after." + field]))")
        }
        for (key, value) in details.sorted(by: { $0.key < $1.key })
        where !key.hasPrefix("before.") && !(key.hasPrefix("after.") && changed.contains(String(key.dropFirst("after.".count))))
            && !(details["before"] != nil && details["after"] != nil && (key == "before" || key == "after"))
        {
            lines.append("  \(key): \(Self.shown(value))")
        }
        return lines
    }

    private static func shown(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "-" }
        return value
    }
}
