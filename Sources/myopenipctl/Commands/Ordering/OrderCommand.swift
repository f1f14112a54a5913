import ArgumentParser
import Foundation
import MyOpenIPClient

/// `myopenipctl order …`: orders, and the client's validation of one its partner entered.
struct OrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "List and show orders; validate or refuse one entered by a partner; follow, cancel or deliver one.",
        subcommands: [
            List.self, Show.self, Open.self, Validate.self, Refuse.self, Watch.self, Cancel.self, AssignPilot.self,
            Advance.self,
        ])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List orders, newest first.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this client (OIP-…).") var company: String = ""
        @Option(help: "Only orders with a product on this site (its id).") var site: Int64 = 0
        @Option(help: "Words of the reference, the client's name or an offer's name.") var text: String = ""
        @Option(help: "Orders per page (at most 500).") var pageSize: UInt32 = 50
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.orders.list(
                    companyReference: company, siteID: site, text: text, pageSize: pageSize, pageToken: pageToken)
            }
            if connection.json { return Output.printList("orders", page.orders, nextPageToken: page.nextPageToken) }
            Output.printTable(
                header: ["RÉF.", "CLIENT", "ÉTAT", "OFFRES", "FRAIS HT", "MENSUEL HT", "VALIDÉE LE", "PAR"],
                rows: page.orders.map {
                    [
                        $0.reference, $0.companyName, $0.stateLabel,
                        $0.items.map(\.contractedOfferReference).joined(separator: " "),
                        euros($0.totals.oneTime.excludingVatCents), euros($0.totals.monthly.excludingVatCents),
                        $0.placedAt.shown, $0.placedBy,
                    ]
                })
            Output.printNextPage(page.nextPageToken)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an order: its offers, contacts, CGV and totals.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The order's reference (COM00025).") var reference: String

        func run() async throws {
            let order = try await connection.withClient { client in try await client.orders.get(reference: reference) }
            connection.json ? Output.printMessage(order) : QuoteOutput.print(order)
        }
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The client: show the order behind a mailed validation link, before validating it.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The link's token (the text after token= in the mail's link).") var token: String

        func run() async throws {
            let quote = try await connection.withClient { client in try await client.quotes.open(validationToken: token) }
            connection.json ? Output.printMessage(quote) : QuoteOutput.print(quote)
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The client: validate the order its partner entered, with the mailed link, accepting the CGV.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The link's token (the text after token= in the mail's link).") var token: String
        @OptionGroup var acceptance: SalesConditionsAcceptance

        func run() async throws {
            let order = try await connection.withClient { client in
                let quote = try await client.quotes.open(validationToken: token)
                let version = try await acceptance.version(client)
                return try await client.quotes.place(quoteID: quote.id, cgvVersion: version, validationToken: token)
            }
            connection.json ? Output.printMessage(order) : QuoteOutput.print(order)
        }
    }

    struct Refuse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The client: refuse the order its partner entered, with the mailed link.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The link's token.") var token: String
        @Option(help: "Why, for the partner.") var reason: String = ""

        func run() async throws {
            let quote = try await connection.withClient { client in
                let quote = try await client.quotes.open(validationToken: token)
                return try await client.quotes.refuse(quoteID: quote.id, validationToken: token, reason: reason)
            }
            connection.json ? Output.printMessage(quote) : print("quote \(quote.id): \(quote.stateLabel)")
        }
    }
}
