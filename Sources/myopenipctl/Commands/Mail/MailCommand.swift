import ArgumentParser
import MyOpenIPClient

/// `myopenipctl mail …`: the outbox.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Look at the outbox of mails and their delivery; retry, cancel, or mark a mail sent.",
        subcommands: [List.self, Show.self, Retry.self, Cancel.self, MarkSent.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List mails, newest first.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only the mails about this login.") var account: String = ""
        @Flag(help: "Only the mails not sent yet.") var unsent = false
        @Option(help: "Only the mails in this state: queued, sending, retrying, sent, failed or cancelled.")
        var state: MailStateArgument?
        @Option(help: "Mails per page (at most 500).") var pageSize: UInt32 = 50
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.mail.list(
                    accountLogin: account, unsentOnly: unsent, state: state?.proto ?? .unspecified, pageSize: pageSize,
                    pageToken: pageToken)
            }
            if connection.json { return Output.printList("mails", page.mails, nextPageToken: page.nextPageToken) }
            Output.printTable(
                header: ["ID", "CREATED", "STATE", "ATTEMPTS", "SENT", "TO", "ACCOUNT", "SUBJECT"],
                rows: page.mails.map {
                    [
                        String($0.id), $0.createdAt.shown, $0.state.label, String($0.attemptCount),
                        $0.hasSentAt ? $0.sentAt.shown : "-", $0.recipient, $0.accountLogin.isEmpty ? "-" : $0.accountLogin,
                        $0.subject,
                    ]
                })
            Output.printNextPage(page.nextPageToken)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one mail with its delivery attempts and its text.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The mail's id.") var id: Int64

        func run() async throws {
            let mail = try await connection.withClient { client in try await client.mail.get(id: id) }
            if connection.json { return Output.printMessage(mail) }
            Output.printFields(mail.fields)
            if !mail.attempts.isEmpty {
                print("")
                Output.printTable(
                    header: ["ATTEMPT", "STARTED", "ENDED", "OUTCOME", "REPLY", "BY"],
                    rows: mail.attempts.map {
                        [
                            String($0.number), $0.startedAt.shown, $0.hasEndedAt ? $0.endedAt.shown : "-",
                            $0.outcome.isEmpty ? "en cours" : $0.outcome, $0.reply.isEmpty ? "-" : $0.reply, $0.owner,
                        ]
                    })
            }
            print("")
            print(mail.body)
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Try a failed or waiting mail again now (after correcting the relay, or the address).")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The mail's id.") var id: Int64

        func run() async throws {
            let mail = try await connection.withClient { client in try await client.mail.retry(id: id) }
            connection.json ? Output.printMessage(mail) : Output.printFields(mail.fields)
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a waiting or failed mail: it will not be sent; its link's secret is blanked out.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The mail's id.") var id: Int64

        func run() async throws {
            let mail = try await connection.withClient { client in try await client.mail.cancel(id: id) }
            connection.json ? Output.printMessage(mail) : Output.printFields(mail.fields)
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
            ("state", state.label), ("message-id", messageID), ("attempts", String(attemptCount)),
            ("next attempt", hasNextAttemptAt ? nextAttemptAt.shown : "-"),
            ("last error", lastError.isEmpty ? "-" : lastError),
            ("sent", hasSentAt ? sentAt.shown : "not yet"),
        ]
    }
}

/// A mail state on the command line.
enum MailStateArgument: String, ExpressibleByArgument, CaseIterable {
    case queued, sending, retrying, sent, failed, cancelled

    var proto: Myopenip_V1_MailState {
        switch self {
        case .queued: .queued
        case .sending: .sending
        case .retrying: .retrying
        case .sent: .sent
        case .failed: .failed
        case .cancelled: .cancelled
        }
    }
}
