import ArgumentParser
import MyOpenIPClient

/// `myopenipctl mail …`: the outbox.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Look at the outbox of mails; mark a mail sent.",
        subcommands: [List.self, Show.self, MarkSent.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List mails, newest first.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only the mails about this login.") var account: String = ""
        @Flag(help: "Only the mails not sent yet.") var unsent = false
        @Option(help: "Mails per page (at most 500).") var pageSize: UInt32 = 50
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.mail.list(accountLogin: account, unsentOnly: unsent, pageSize: pageSize, pageToken: pageToken)
            }
            if connection.json { return Output.printList("mails", page.mails, nextPageToken: page.nextPageToken) }
            Output.printTable(
                header: ["ID", "CREATED", "SENT", "TO", "ACCOUNT", "SUBJECT"],
                rows: page.mails.map {
                    [
                        String($0.id), $0.createdAt.shown, $0.hasSentAt ? $0.sentAt.shown : "-", $0.recipient,
                        $0.accountLogin.isEmpty ? "-" : $0.accountLogin, $0.subject,
                    ]
                })
            Output.printNextPage(page.nextPageToken)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one mail with its text.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The mail's id.") var id: Int64

        func run() async throws {
            let mail = try await connection.withClient { client in try await client.mail.get(id: id) }
            if connection.json { return Output.printMessage(mail) }
            Output.printFields(mail.fields)
            print("")
            print(mail.body)
        }
    }

    struct MarkSent: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mark-sent", abstract: "Mark a mail sent; its link's secret is blanked out of the outbox.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The mail's id.") var id: Int64

        func run() async throws {
            let mail = try await connection.withClient { client in try await client.mail.markSent(id: id) }
            connection.json ? Output.printMessage(mail) : Output.printFields(mail.fields)
        }
    }
}

extension Myopenip_V1_Mail {
    var fields: [(String, String)] {
        [
            ("id", String(id)), ("to", recipient), ("subject", subject), ("template", template),
            ("account", accountLogin.isEmpty ? "-" : accountLogin), ("created", createdAt.shown),
            ("sent", hasSentAt ? sentAt.shown : "not yet"),
        ]
    }
}
