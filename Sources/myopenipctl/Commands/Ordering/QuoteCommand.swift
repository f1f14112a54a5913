import ArgumentParser
import Foundation
import MyOpenIPClient

/// `myopenipctl quote …`: quotes, their products and contacts, and ordering them.
struct QuoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quote",
        abstract: "Build a quote (products, contacts), submit it to the client, or place its order.",
        subcommands: [
            Create.self, List.self, Show.self, AddItem.self, RemoveItem.self, AddContact.self, SetFunctions.self,
            RemoveContact.self, Submit.self, Place.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start an empty quote for a client company.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The client's reference (OIP-00000002).") var company: String

        func run() async throws {
            let quote = try await connection.withClient { client in try await client.quotes.create(companyReference: company) }
            connection.json
                ? Output.printMessage(quote) : print("quote \(quote.id) created, valid until \(quote.validUntil.shown)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List quotes, newest first.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this client (OIP-…).") var company: String = ""
        @Option(help: "Offerings per page (at most 500).") var pageSize: UInt32 = 50
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.quotes.list(companyReference: company, pageSize: pageSize, pageToken: pageToken)
            }
            if connection.json { return Output.printList("quotes", page.quotes, nextPageToken: page.nextPageToken) }
            Output.printTable(
                header: ["DEVIS", "CLIENT", "ÉTAT", "PRODUITS", "FRAIS HT", "MENSUEL HT", "VALABLE JUSQU'AU", "COMMANDE"],
                rows: page.quotes.map {
                    [
                        "\($0.id)", $0.companyName, $0.stateLabel, "\($0.items.count)",
                        euros($0.totals.oneTime.excludingVatCents), euros($0.totals.monthly.excludingVatCents),
                        $0.validUntil.shown, $0.orderReference.isEmpty ? "-" : $0.orderReference,
                    ]
                })
            Output.printNextPage(page.nextPageToken)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a quote: products, contacts, totals.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The quote's number.") var quote: Int64

        func run() async throws {
            let shown = try await connection.withClient { client in try await client.quotes.get(id: quote) }
            connection.json ? Output.printMessage(shown) : QuoteOutput.print(shown)
        }
    }

    struct AddItem: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a product (« Ajouter d'autres produits »): an offering, a site, a quantity, the form's values.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The quote's number.") var quote: Int64
        @Argument(help: "The offering's code (see catalogue list).") var offering: String
        @Option(help: "The site's id (see site list); not for an upgrade, which is on its offer's site.") var site: Int64 = 0
        @Option(help: "For an upgrade offering: the active contracted offer it is ordered on (OC40482).")
        var upgrade: String = ""
        @Option(help: "How many.") var quantity: UInt32 = 1
        @Option(name: .customLong("set"), help: "A value of the order form, NAME=VALUE (repeatable).") var values: [String] = []

        func run() async throws {
            var form: [String: String] = [:]
            for value in values {
                guard let equals = value.firstIndex(of: "=") else {
                    throw CommandFailure.usage("--set takes NAME=VALUE: \(value)")
                }
                form[String(value[..<equals])] = String(value[value.index(after: equals)...])
            }
            let updated = try await connection.withClient { client in
                try await client.quotes.addItem(
                    quoteID: quote, offeringCode: offering, siteID: site, quantity: quantity, form: form, upgrading: upgrade)
            }
            connection.json ? Output.printMessage(updated) : QuoteOutput.print(updated)
        }
    }

    struct RemoveItem: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a product from a quote.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The quote's number.") var quote: Int64
        @Argument(help: "The product's number (01).") var item: String

        func run() async throws {
            let updated = try await connection.withClient { client in
                try await client.quotes.removeItem(quoteID: quote, number: item)
            }
            connection.json ? Output.printMessage(updated) : QuoteOutput.print(updated)
        }
    }

    struct AddContact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a contact: one of the directories (--contact ID), or one for this quote only (--last-name …).",
            discussion: """
                A contact added for this quote only is not saved in the directory: last name, email, \
                phone and role are required, first name optional.
                """)

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The quote's number.") var quote: Int64
        @Option(help: "A contact of the client's or its partner's directory (see contact list).") var contact: Int64?
        @Option var lastName: String?
        @Option var firstName: String = ""
        @Option var email: String = ""
        @Option var phone: String = ""
        @Option var role: String = ""
        @Option(name: .customLong("function"), help: "intervention, delivery or follow-up (repeatable).")
        var functions: [ContactFunctionArgument] = []

        func run() async throws {
            let functions = functions.map(\.proto)
            let updated = try await connection.withClient { client in
                if let contact {
                    return try await client.quotes.addContact(quoteID: quote, directoryContactID: contact, functions: functions)
                }
                guard let lastName else { throw CommandFailure.usage("give --contact ID, or --last-name and the rest") }
                var person = Myopenip_V1_AdHocContact()
                person.lastName = lastName
                person.firstName = firstName
                person.email = email
                person.phone = phone
                person.role = role
                return try await client.quotes.addContact(quoteID: quote, adHoc: person, functions: functions)
            }
            connection.json ? Output.printMessage(updated) : QuoteOutput.print(updated)
        }
    }

    struct SetFunctions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the functions of a contact of the quote.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The quote's number.") var quote: Int64
        @Argument(help: "The contact's id on the quote.") var contact: Int64
        @Option(name: .customLong("function"), help: "intervention, delivery or follow-up (repeatable).")
        var functions: [ContactFunctionArgument] = []

        func run() async throws {
            let updated = try await connection.withClient { client in
                try await client.quotes.setFunctions(quoteID: quote, contactID: contact, functions: functions.map(\.proto))
            }
            connection.json ? Output.printMessage(updated) : QuoteOutput.print(updated)
        }
    }

    struct RemoveContact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a contact from the quote.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The quote's number.") var quote: Int64
        @Argument(help: "The contact's id on the quote.") var contact: Int64

        func run() async throws {
            let updated = try await connection.withClient { client in
                try await client.quotes.removeContact(quoteID: quote, contactID: contact)
            }
            connection.json ? Output.printMessage(updated) : QuoteOutput.print(updated)
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Partner or staff: send a quote to the client, whose users who order get a validation link by mail.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The quote's number.") var quote: Int64

        func run() async throws {
            let updated = try await connection.withClient { client in try await client.quotes.submit(quoteID: quote) }
            connection.json ? Output.printMessage(updated) : print("quote \(updated.id): \(updated.stateLabel)")
        }
    }

    struct Place: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The client: order its quote, accepting the CGV in force (« Merci de valider votre commande en acceptant les CGV »)."
        )

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The quote's number.") var quote: Int64
        @OptionGroup var acceptance: SalesConditionsAcceptance

        func run() async throws {
            let order = try await connection.withClient { client in
                let version = try await acceptance.version(client)
                return try await client.quotes.place(quoteID: quote, cgvVersion: version)
            }
            connection.json ? Output.printMessage(order) : QuoteOutput.print(order)
        }
    }
}
