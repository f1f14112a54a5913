import ArgumentParser
import MyOpenIPClient

/// `myopenipctl contact …`: the contacts directory of a company.
struct ContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "List, show, create, update and delete the contacts of a company.",
        subcommands: [List.self, Show.self, Create.self, Update.self, Delete.self])

    /// Every field of a contact, as options.
    struct Fields: ParsableArguments {
        @Option(help: "Last name (required).") var lastName: String
        @Option(help: "First name.") var firstName: String = ""
        @Option(help: "Email.") var email: String = ""
        @Option(help: "Telephone.") var phone: String = ""
        @Option(help: "Role, e.g. Responsable technique.") var role: String = ""
        @Option(help: "The id of a site of the company.") var site: Int64 = 0

        var proto: Myopenip_V1_ContactFields {
            var fields = Myopenip_V1_ContactFields()
            fields.lastName = lastName
            fields.firstName = firstName
            fields.email = email
            fields.phone = phone
            fields.role = role
            fields.siteID = site
            return fields
        }
    }

    static let header = ["ID", "NAME", "EMAIL", "PHONE", "ROLE", "SITE", "COMPLETE"]

    static func row(_ contact: Myopenip_V1_Contact) -> [String] {
        func orDash(_ text: String) -> String { text.isEmpty ? "-" : text }
        return [
            String(contact.id),
            [contact.fields.firstName, contact.fields.lastName].filter { !$0.isEmpty }.joined(separator: " "),
            orDash(contact.fields.email), orDash(contact.fields.phone), orDash(contact.fields.role), orDash(contact.siteName),
            contact.complete ? "yes" : "no",
        ]
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The contacts of a company.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The company's reference.") var company: String
        @Option(help: "Contacts per page (at most 500).") var pageSize: UInt32 = 100
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.contacts.list(companyReference: company, pageSize: pageSize, pageToken: pageToken)
            }
            if connection.json { return Output.printList("contacts", page.contacts, nextPageToken: page.nextPageToken) }
            Output.printTable(header: ContactCommand.header, rows: page.contacts.map(ContactCommand.row))
            Output.printNextPage(page.nextPageToken)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One contact.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The contact's id.") var id: Int64

        func run() async throws {
            let contact = try await connection.withClient { client in try await client.contacts.get(id: id) }
            connection.json
                ? Output.printMessage(contact)
                : Output.printTable(header: ContactCommand.header, rows: [ContactCommand.row(contact)])
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a contact to a company's directory.")
        @OptionGroup var connection: WriteOptions
        @Argument(help: "The company's reference.") var company: String
        @OptionGroup var fields: Fields

        func run() async throws {
            let contact = try await connection.withClient { client in
                try await client.contacts.create(companyReference: company, fields: fields.proto)
            }
            connection.json
                ? Output.printMessage(contact)
                : Output.printTable(header: ContactCommand.header, rows: [ContactCommand.row(contact)])
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the fields of a contact given as options; the others stay as they are.")
        @OptionGroup var connection: WriteOptions
        @Argument(help: "The contact's id.") var id: Int64
        @Option(help: "Last name.") var lastName: String?
        @Option(help: "First name.") var firstName: String?
        @Option(help: "Email (\"\" to remove it).") var email: String?
        @Option(help: "Telephone (\"\" to remove it).") var phone: String?
        @Option(help: "Role, e.g. Responsable technique.") var role: String?
        @Option(help: "The id of a site of the company (0 for none).") var site: Int64?

        /// The request's fields and the mask of the options given.
        var change: (fields: Myopenip_V1_ContactFields, paths: [String]) {
            var fields = Myopenip_V1_ContactFields()
            var paths: [String] = []
            if let lastName {
                fields.lastName = lastName
                paths.append("last_name")
            }
            if let firstName {
                fields.firstName = firstName
                paths.append("first_name")
            }
            if let email {
                fields.email = email
                paths.append("email")
            }
            if let phone {
                fields.phone = phone
                paths.append("phone")
            }
            if let role {
                fields.role = role
                paths.append("role")
            }
            if let site {
                fields.siteID = site
                paths.append("site_id")
            }
            return (fields, paths)
        }

        func validate() throws {
            if change.paths.isEmpty { throw ValidationError("give at least one field to change") }
        }

        func run() async throws {
            let (fields, paths) = change
            let contact = try await connection.withClient { client in
                try await client.contacts.update(id: id, fields: fields, paths: paths)
            }
            connection.json
                ? Output.printMessage(contact)
                : Output.printTable(header: ContactCommand.header, rows: [ContactCommand.row(contact)])
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a contact.")
        @OptionGroup var connection: WriteOptions
        @OptionGroup var confirmation: ConfirmationFlag
        @Argument(help: "The contact's id.") var id: Int64

        func run() async throws {
            try Confirmation.require("Delete contact \(id)?", yes: confirmation.yes)
            try await connection.withClient { client in try await client.contacts.delete(id: id) }
            connection.json ? Output.printJSON(["deleted": id]) : print("contact \(id) deleted")
        }
    }
}
