import ArgumentParser
import MyOpenIPClient

/// `myopenipctl right …`: access rights.
struct RightCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "right",
        abstract:
            "List templates and rights, show who holds a right, create, change and delete custom rights, give rights to users.",
        subcommands: [Templates.self, List.self, Show.self, Create.self, Update.self, Delete.self, Assign.self])

    static let header = ["ID", "NAME", "KIND", "SITE", "ROLE", "PERMISSIONS"]

    static func row(_ right: Myopenip_V1_AccessRight) -> [String] {
        [
            String(right.id), right.name, right.main.isEmpty ? "Droit personnalisé" : "Droit principal",
            right.site.isEmpty ? "-" : right.site, right.role.isEmpty ? "-" : right.role,
            right.permissions.joined(separator: " "),
        ]
    }

    struct Templates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The templates of custom rights, and the main rights.")

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let response = try await connection.withClient { client in try await client.rights.templates() }
            if connection.json { return Output.printMessage(response) }
            Output.printTable(
                header: ["TEMPLATE", "LABEL", "PERMISSIONS"],
                rows: response.templates.map { [$0.name, $0.label, $0.permissions.joined(separator: " ")] })
            print("")
            Output.printTable(header: RightCommand.header, rows: response.mainRights.map(RightCommand.row))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The main rights and the custom rights of a company.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The company's reference.") var company: String

        func run() async throws {
            let rights = try await connection.withClient { client in try await client.rights.list(companyReference: company) }
            if connection.json { return Output.printList("rights", rights) }
            Output.printTable(header: RightCommand.header, rows: rights.map(RightCommand.row))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One right and the users who hold it.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The right's id (see right list).") var id: Int64
        @Option(help: "For a main right: only the holders of this company.") var company: String = ""

        func run() async throws {
            let (right, holders) = try await connection.withClient { client in
                let right = try await client.rights.get(id: id)
                let holders = try await client.identity.listAccounts(
                    companyReference: right.companyReference.isEmpty ? company : right.companyReference, holdingRight: id,
                    pageSize: 500)
                return (right, holders)
            }
            if connection.json {
                return Output.printJSON([
                    "right": Output.jsonObject(right), "holders": holders.accounts.map(Output.jsonObject),
                    "next_page_token": holders.nextPageToken,
                ])
            }
            Output.printFields([
                ("id", String(right.id)), ("name", right.name), ("kind", RightCommand.row(right)[2]),
                ("company", right.companyReference.isEmpty ? "-" : right.companyReference),
                ("site", right.site.isEmpty ? "-" : right.site), ("role", right.role.isEmpty ? "-" : right.role),
                ("templates", right.templates.isEmpty ? "-" : right.templates.joined(separator: ", ")),
                ("permissions", right.permissions.joined(separator: " ")),
            ])
            print("")
            if holders.accounts.isEmpty { return print("holders: none") }
            Output.printAccounts(holders, json: false)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a custom right of a company from templates.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The company's reference.") var company: String
        @Option(help: "The right's name.") var name: String
        @Option(help: "One of the company's sites, by name (see site list).") var site: String = ""
        @Option(help: "The role it is for.") var role: String = ""
        @Option(
            name: .customLong("template"),
            help: "A template (repeat the option): company_edit, company_view, billing_view, orders_administer, services_view.")
        var templates: [String] = []

        func run() async throws {
            let right = try await connection.withClient { client in
                try await client.rights.create(
                    companyReference: company, name: name, site: site, role: role, templates: templates)
            }
            if connection.json { return Output.printMessage(right) }
            Output.printTable(header: RightCommand.header, rows: [RightCommand.row(right)])
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a custom right: only the options given change (its holders' rights change with it).")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The right's id (see right list).") var id: Int64
        @Option(help: "A new name.") var name: String?
        @Option(help: "One of the company's sites, by name (\"\" for none).") var site: String?
        @Option(help: "The role it is for (\"\" for none).") var role: String?
        @Option(name: .customLong("template"), help: "The templates it gives, replacing the current ones (repeat the option).")
        var templates: [String] = []

        func validate() throws {
            if name == nil, site == nil, role == nil, templates.isEmpty {
                throw ValidationError("give at least one of --name, --site, --role, --template")
            }
        }

        func run() async throws {
            let right = try await connection.withClient { client in
                try await client.rights.update(
                    id: id, name: name, site: site, role: role, templates: templates.isEmpty ? nil : templates)
            }
            if connection.json { return Output.printMessage(right) }
            Output.printTable(header: RightCommand.header, rows: [RightCommand.row(right)])
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a custom right; the users holding it lose it.")

        @OptionGroup var connection: WriteOptions
        @OptionGroup var confirmation: ConfirmationFlag
        @Argument(help: "The right's id (see right list).") var id: Int64

        func run() async throws {
            try Confirmation.require("Delete right \(id)? The users holding it lose it.", yes: confirmation.yes)
            let holders = try await connection.withClient { client in try await client.rights.delete(id: id) }
            if connection.json { return Output.printJSON(["id": id, "former_holders": holders]) }
            print(
                holders.isEmpty
                    ? "right \(id) deleted; nobody held it" : "right \(id) deleted; taken from \(holders.joined(separator: ", "))"
            )
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a user exactly these rights (by id; --none takes them all away).")

        /// Who gets which rights: ids, or `--none` to say that taking every right away is meant.
        struct Choice: ParsableArguments {
            @Argument(help: "The user's login.") var login: String
            @Argument(
                help: ArgumentHelp("Right ids (see right list); they replace the user's current rights.", valueName: "right-id"))
            var rightIDs: [Int64] = []
            @Flag(help: "Take every right away (instead of ids).") var none = false
            @OptionGroup var confirmation: ConfirmationFlag

            func validate() throws {
                if rightIDs.isEmpty, !none { throw ValidationError("give right ids, or --none to take every right away") }
                if !rightIDs.isEmpty, none { throw ValidationError("give right ids or --none, not both") }
            }
        }

        @OptionGroup var connection: WriteOptions
        @OptionGroup var choice: Choice

        func validate() throws { try choice.validate() }

        func run() async throws {
            try await Self.assign(choice, connection: connection)
        }

        /// Gives the user exactly the rights chosen and prints the rights they hold (also `user rights`).
        static func assign(_ choice: Choice, connection: WriteOptions) async throws {
            if choice.none {
                try Confirmation.require(
                    "Take every right away from \(choice.login)? They will see nothing of the portal.",
                    yes: choice.confirmation.yes)
            }
            let rights = try await connection.withClient { client in
                try await client.rights.setUserRights(login: choice.login, rightIDs: choice.rightIDs)
            }
            if connection.json { return Output.printList("rights", rights) }
            if rights.isEmpty { return print("\(choice.login) holds no right") }
            Output.printTable(header: RightCommand.header, rows: rights.map(RightCommand.row))
        }
    }
}
