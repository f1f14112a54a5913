import ArgumentParser
import MyOpenIPClient

/// `myopenipctl account …`: operator staff manage accounts.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Create, list, show, edit, disable and enable accounts; send password links; revoke sessions.",
        subcommands: [
            Create.self, List.self, Show.self, Update.self, Disable.self, Enable.self, ResetPassword.self, RevokeSessions.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; its owner is mailed a password initialisation link.")

        @OptionGroup var connection: WriteOptions
        @Option(help: "The person's name.") var name: String
        @Option(help: "The person's email, where the link is sent.") var email: String
        @Option(help: "operator-staff, partner-user or client-user.") var kind: AccountKindArgument
        @Option(help: "The company of a partner or client user, e.g. OIP-00000002.") var company: String = ""

        func run() async throws {
            let account = try await connection.withClient { client in
                try await client.identity.createAccount(
                    displayName: name, email: email, kind: kind.proto, companyReference: company)
            }
            connection.json ? Output.printMessage(account) : Output.printFields(account.fields)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts in login order.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only accounts of this kind.") var kind: AccountKindArgument?
        @Option(help: "Only accounts in this state.") var state: AccountStateArgument?
        @Option(help: "Only the users of this company.") var company: String = ""
        @Option(help: "Only the accounts holding this right (see right list).") var right: Int64 = 0
        @Option(help: "Accounts per page (at most 500).") var pageSize: UInt32 = 100
        @Option(parsing: .unconditional, help: "The page after this token (printed under a full page).") var pageToken: String =
            ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.identity.listAccounts(
                    kind: kind?.proto ?? .unspecified, state: state?.proto ?? .unspecified, companyReference: company,
                    holdingRight: right, pageSize: pageSize, pageToken: pageToken)
            }
            Output.printAccounts(page, json: connection.json)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one account and the rights it holds.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The login, e.g. E-0000001234.") var login: String

        func run() async throws {
            try await Self.show(login, connection: connection)
        }

        /// Prints an account with its rights (also `user show`).
        static func show(_ login: String, connection: ConnectionOptions) async throws {
            let (account, rights) = try await connection.withClient { client in
                let account = try await client.identity.account(login: login)
                let rights = try await client.rights.held(by: login)
                return (account, rights)
            }
            if connection.json {
                return Output.printJSON(["account": Output.jsonObject(account), "rights": rights.map(Output.jsonObject)])
            }
            Output.printFields(account.fields)
            print("")
            if rights.isEmpty { return print("rights: none") }
            Output.printTable(header: RightCommand.header, rows: rights.map(RightCommand.row))
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an account's name or email; only the options given change.",
            discussion: "A new email gets a new password link, and the former address is told of the change.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The login.") var login: String
        @Option(help: "The person's name.") var name: String?
        @Option(help: "The person's email.") var email: String?

        func validate() throws {
            if name == nil, email == nil { throw ValidationError("give --name, --email or both") }
        }

        func run() async throws {
            let account = try await connection.withClient { client in
                try await client.identity.updateAccount(login: login, displayName: name, email: email)
            }
            connection.json ? Output.printMessage(account) : Output.printFields(account.fields)
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: it can no longer log in; its sessions and links are revoked.")

        @OptionGroup var connection: WriteOptions
        @OptionGroup var confirmation: ConfirmationFlag
        @Argument(help: "The login.") var login: String

        func run() async throws {
            try Confirmation.require("Disable \(login)? It can no longer log in.", yes: confirmation.yes)
            let account = try await connection.withClient { client in try await client.identity.disableAccount(login: login) }
            connection.json ? Output.printMessage(account) : Output.printFields(account.fields)
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again, or lift a lock.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The login.") var login: String

        func run() async throws {
            let account = try await connection.withClient { client in try await client.identity.enableAccount(login: login) }
            connection.json ? Output.printMessage(account) : Output.printFields(account.fields)
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Mail a new password link to the account's owner; older links stop working.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The login.") var login: String

        func run() async throws {
            let expiry = try await connection.withClient { client in try await client.identity.resetPassword(login: login) }
            connection.json
                ? Output.printJSON(["login": login, "link_expires_at": expiry.iso8601])
                : print("a new link was queued for \(login); it works until \(expiry.shown)")
        }
    }

    struct RevokeSessions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-sessions", abstract: "Close every open session of an account.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The login.") var login: String

        func run() async throws {
            let count = try await connection.withClient { client in try await client.identity.revokeSessions(login: login) }
            connection.json
                ? Output.printJSON(["login": login, "revoked": count]) : print("\(count) session(s) of \(login) closed")
        }
    }
}

extension Output {
    /// A page of accounts: a table and the next page's token, or the JSON list.
    static func printAccounts(_ page: Myopenip_V1_ListAccountsResponse, json: Bool) {
        if json { return printList("accounts", page.accounts, nextPageToken: page.nextPageToken) }
        printTable(header: Myopenip_V1_Account.tableHeader, rows: page.accounts.map(\.tableRow))
        printNextPage(page.nextPageToken)
    }
}
