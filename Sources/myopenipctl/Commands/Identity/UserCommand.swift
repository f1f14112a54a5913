import ArgumentParser
import MyOpenIPClient

/// `myopenipctl user …`: the users of a company, as its administrators see them.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract:
            "Create, list and manage the users of a company and give them rights (a company administrator's view of accounts).",
        subcommands: [
            Create.self, List.self, Show.self, Rights.self,
            // The same actions as operator staff have on accounts, on the users of one's company.
            AccountCommand.Update.self, AccountCommand.Disable.self, AccountCommand.Enable.self,
            AccountCommand.ResetPassword.self,
            AccountCommand.RevokeSessions.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user of a company (mailed a password link), optionally with rights.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The company's reference.") var company: String
        @Option(help: "The person's name.") var name: String
        @Option(help: "The person's email.") var email: String
        @Flag(help: "The company is a partner (the user is a partner user).") var partner = false
        @Option(name: .customLong("right"), help: "A right id to give (repeat the option; see right list).") var rights: [Int64] =
            []

        func run() async throws {
            // One call: the account, its rights and its mail are created together, or not at all.
            let (account, held) = try await connection.withClient { client in
                let account = try await client.identity.createAccount(
                    displayName: name, email: email, kind: partner ? .partnerUser : .clientUser, companyReference: company,
                    rightIDs: rights)
                let held =
                    rights.isEmpty
                    ? [] : try await client.rights.list(companyReference: company).filter { rights.contains($0.id) }
                return (account, held)
            }
            if connection.json { return Output.printMessage(account) }
            Output.printFields(account.fields + [("rights", held.isEmpty ? "-" : held.map(\.name).joined(separator: ", "))])
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The users of a company (or of every company you may see).")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The company's reference.") var company: String = ""
        @Option(help: "Only the users holding this right (see right list).") var right: Int64 = 0
        @Option(help: "Users per page (at most 500).") var pageSize: UInt32 = 100
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.identity.listAccounts(
                    companyReference: company, holdingRight: right, pageSize: pageSize, pageToken: pageToken)
            }
            Output.printAccounts(page, json: connection.json)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One user and the rights they hold.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The login.") var login: String

        func run() async throws {
            try await AccountCommand.Show.show(login, connection: connection)
        }
    }

    struct Rights: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a user exactly these rights (by id; --none takes them all away).")

        @OptionGroup var connection: WriteOptions
        @OptionGroup var choice: RightCommand.Assign.Choice

        func validate() throws { try choice.validate() }

        func run() async throws {
            try await RightCommand.Assign.assign(choice, connection: connection)
        }
    }
}
