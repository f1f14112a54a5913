import ArgumentParser
import MyOpenIPClient

/// `myopenipctl site …`: the sites of a company.
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site", abstract: "List, show, create, update and delete the sites of a company.",
        subcommands: [List.self, Show.self, Create.self, Update.self, Delete.self])

    /// Every field of a site, as options.
    struct Fields: ParsableArguments {
        @Option(help: "The site's name.") var name: String
        @Option(help: "Street and number.") var street: String
        @Option(help: "Building, floor…") var complement: String = ""
        @Option(help: "Postcode (5 digits in France).") var postcode: String
        @Option(help: "City.") var city: String
        @Option(help: "ISO 3166 country code (FR, BE, CH…).") var country: String = "FR"
        @Option(help: "Telephone.") var phone: String = ""
        @Option(help: "Opening hours, free text.") var openingHours: String = ""
        @Option(help: "IBAN of the payment details.") var iban: String = ""
        @Option(help: "BIC of the payment details.") var bic: String = ""
        @Option(help: "Account holder of the payment details.") var holder: String = ""

        var proto: Myopenip_V1_SiteFields {
            var fields = Myopenip_V1_SiteFields()
            fields.name = name
            fields.address.street = street
            fields.address.complement = complement
            fields.address.postcode = postcode
            fields.address.city = city
            fields.address.country = country
            fields.phone = phone
            fields.openingHours = openingHours
            fields.payment.iban = iban
            fields.payment.bic = bic
            fields.payment.holder = holder
            return fields
        }
    }

    static func row(_ site: Myopenip_V1_Site) -> [String] {
        let address = site.fields.address
        return [
            String(site.id), site.fields.name + (site.headOffice ? " (head office)" : ""),
            [address.street, address.postcode, address.city].filter { !$0.isEmpty }.joined(separator: ", "),
            site.fields.phone.isEmpty ? "-" : site.fields.phone,
            site.fields.payment.iban.isEmpty ? "-" : site.fields.payment.iban,
        ]
    }

    static let header = ["ID", "NAME", "ADDRESS", "PHONE", "IBAN"]

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The sites of a company, the head office first.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The company's reference.") var company: String

        func run() async throws {
            let sites = try await connection.withClient { client in try await client.sites.list(companyReference: company) }
            connection.json
                ? Output.printList("sites", sites)
                : Output.printTable(header: SiteCommand.header, rows: sites.map(SiteCommand.row))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One site.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The site's id.") var id: Int64

        func run() async throws {
            let site = try await connection.withClient { client in try await client.sites.get(id: id) }
            connection.json
                ? Output.printMessage(site) : Output.printTable(header: SiteCommand.header, rows: [SiteCommand.row(site)])
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a site to a company.")
        @OptionGroup var connection: WriteOptions
        @Argument(help: "The company's reference.") var company: String
        @OptionGroup var fields: Fields

        func run() async throws {
            let site = try await connection.withClient { client in
                try await client.sites.create(companyReference: company, fields: fields.proto)
            }
            connection.json
                ? Output.printMessage(site) : Output.printTable(header: SiteCommand.header, rows: [SiteCommand.row(site)])
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the fields of a site given as options; the others stay as they are.",
            discussion: "--iban, --bic and --holder go together: give all three, or all three empty to remove them.")
        @OptionGroup var connection: WriteOptions
        @Argument(help: "The site's id.") var id: Int64
        @Option(help: "The site's name.") var name: String?
        @Option(help: "Street and number.") var street: String?
        @Option(help: "Building, floor…") var complement: String?
        @Option(help: "Postcode (5 digits in France).") var postcode: String?
        @Option(help: "City.") var city: String?
        @Option(help: "ISO 3166 country code (FR, BE, CH…).") var country: String?
        @Option(help: "Telephone (\"\" to remove it).") var phone: String?
        @Option(help: "Opening hours, free text.") var openingHours: String?
        @Option(help: "IBAN of the payment details.") var iban: String?
        @Option(help: "BIC of the payment details.") var bic: String?
        @Option(help: "Account holder of the payment details.") var holder: String?

        /// The request's fields and the mask of the options given.
        var change: (fields: Myopenip_V1_SiteFields, paths: [String]) {
            var fields = Myopenip_V1_SiteFields()
            var paths: [String] = []
            func take(_ value: String?, _ path: String, _ set: (inout Myopenip_V1_SiteFields, String) -> Void) {
                guard let value else { return }
                set(&fields, value)
                paths.append(path)
            }
            take(name, "name") { $0.name = $1 }
            take(street, "address.street") { $0.address.street = $1 }
            take(complement, "address.complement") { $0.address.complement = $1 }
            take(postcode, "address.postcode") { $0.address.postcode = $1 }
            take(city, "address.city") { $0.address.city = $1 }
            take(country, "address.country") { $0.address.country = $1 }
            take(phone, "phone") { $0.phone = $1 }
            take(openingHours, "opening_hours") { $0.openingHours = $1 }
            if iban != nil || bic != nil || holder != nil {
                fields.payment.iban = iban ?? ""
                fields.payment.bic = bic ?? ""
                fields.payment.holder = holder ?? ""
                paths.append("payment")
            }
            return (fields, paths)
        }

        func validate() throws {
            if change.paths.isEmpty { throw ValidationError("give at least one field to change") }
        }

        func run() async throws {
            let (fields, paths) = change
            let site = try await connection.withClient { client in
                try await client.sites.update(id: id, fields: fields, paths: paths)
            }
            connection.json
                ? Output.printMessage(site) : Output.printTable(header: SiteCommand.header, rows: [SiteCommand.row(site)])
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a site (not the head office); its contacts keep no site.")
        @OptionGroup var connection: WriteOptions
        @OptionGroup var confirmation: ConfirmationFlag
        @Argument(help: "The site's id.") var id: Int64

        func run() async throws {
            try Confirmation.require("Delete site \(id)? Its contacts keep no site.", yes: confirmation.yes)
            try await connection.withClient { client in try await client.sites.delete(id: id) }
            connection.json ? Output.printJSON(["deleted": id]) : print("site \(id) deleted")
        }
    }
}
