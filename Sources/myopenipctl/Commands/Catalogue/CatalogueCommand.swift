import ArgumentParser
import Foundation
import MyOpenIPClient
import MyOpenIPDomain
import SwiftProtobuf

/// `myopenipctl catalogue …`: the e-shop's offerings.
struct CatalogueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue", abstract: "Browse the e-shop's offerings; import a catalogue file; retire an offering.",
        subcommands: [List.self, Show.self, Import.self, Retire.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the offerings on sale, oldest first.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this category: internet-access, cloud, unified-communications, ip-telephony, standard-telephony.")
        var category: CategoryArgument?
        @Flag(help: "Operator staff: the retired offerings too.") var all = false
        @Option(help: "Offerings per page (at most 500).") var pageSize: UInt32 = 50
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.catalogue.list(
                    category: category?.proto ?? .unspecified, includeRetired: all, pageSize: pageSize, pageToken: pageToken)
            }
            if connection.json { return Output.printList("offerings", page.offerings, nextPageToken: page.nextPageToken) }
            Output.printTable(
                header: ["CODE", "CATÉGORIE", "NOM", "FRAIS HT", "MENSUEL HT", "ENGAGEMENT", "ÉTAT"],
                rows: page.offerings.map {
                    [
                        $0.fields.code, $0.fields.category.label, $0.fields.name, euros($0.fields.oneTimePriceCents),
                        euros($0.fields.monthlyPriceCents), "\($0.fields.commitmentMonths) mois",
                        $0.hasRetiredAt ? "Retirée" : "En vente",
                    ]
                })
            Output.printNextPage(page.nextPageToken)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one offering with its order form.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The offering's code.") var code: String

        func run() async throws {
            let offering = try await connection.withClient { client in try await client.catalogue.get(code: code) }
            if connection.json { return Output.printMessage(offering) }
            let fields = offering.fields
            Output.printFields([
                ("code", fields.code), ("nom", fields.name), ("catégorie", fields.category.label),
                ("frais de mise en service HT", euros(fields.oneTimePriceCents)),
                ("abonnement mensuel HT", euros(fields.monthlyPriceCents)),
                ("engagement", "\(fields.commitmentMonths) mois"), ("préavis", "\(fields.noticeMonths) mois"),
                ("frais de résiliation HT", euros(fields.terminationFeeCents)),
                ("contact intervention sur site", fields.needsOnSiteIntervention ? "requis" : "-"),
                ("contact livraison", fields.needsEquipmentDelivery ? "requis" : "-"),
                ("mise à niveau de", fields.upgradeOf.isEmpty ? "-" : fields.upgradeOf),
                ("état", offering.hasRetiredAt ? "Retirée le \(offering.retiredAt.shown)" : "En vente"),
            ])
            if !fields.form.isEmpty {
                print("")
                Output.printTable(
                    header: ["CHAMP", "LIBELLÉ", "TYPE", "OBLIGATOIRE", "VALEURS"],
                    rows: fields.form.map {
                        [
                            $0.name, $0.label, $0.type.label, $0.required ? "oui" : "non",
                            $0.allowedValues.isEmpty
                                ? ($0.hasRange
                                    ? "\($0.range.minimum)…\($0.range.maximum)" : ($0.pattern.isEmpty ? "-" : $0.pattern))
                                : $0.allowedValues.joined(separator: ", "),
                        ]
                    })
            }
            if !fields.description_p.isEmpty {
                print("")
                print(fields.description_p)
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update the offerings of a catalogue file (JSON: {\"offerings\": [OfferingFields…]}).",
            discussion: """
                Each offering of the file is created when its code is new, and otherwise updated to \
                the file's values; a retired offering is left as it is. The fields are those of \
                myopenip.v1.OfferingFields in protobuf JSON (tools/catalogue/demo-catalogue.json). \
                Running it again is safe: what is already as the file says is left unchanged.
                """)

        // Several writes, each safe to run again: no idempotency key, which one call only may use.
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The catalogue file.") var file: String

        func run() async throws {
            let offerings = try Self.read(file)
            let outcome = try await connection.withClient { client in
                var counts = (created: 0, updated: 0, unchanged: 0, retired: 0)
                for fields in offerings {
                    let existing: Myopenip_V1_Offering?
                    do {
                        existing = try await client.catalogue.get(code: fields.code)
                    } catch let error as RPCError where error.code == .notFound {
                        existing = nil
                    }
                    guard let existing else {
                        try await client.catalogue.create(fields)
                        counts.created += 1
                        continue
                    }
                    if existing.hasRetiredAt {
                        counts.retired += 1
                    } else {
                        let updated = try await client.catalogue.update(
                            code: fields.code, fields: fields, paths: Self.updatablePaths)
                        if updated.updatedAt == existing.updatedAt { counts.unchanged += 1 } else { counts.updated += 1 }
                    }
                }
                return counts
            }
            print(
                "\(outcome.created) created, \(outcome.updated) updated, \(outcome.unchanged) unchanged, \(outcome.retired) retired left as they are"
            )
        }

        static let updatablePaths = [
            "name", "description", "category", "one_time_price_cents", "monthly_price_cents", "commitment_months",
            "notice_months", "termination_fee_cents", "form", "needs_on_site_intervention", "needs_equipment_delivery",
            "upgrade_of",
        ]

        /// The offerings of a catalogue file, each checked as protobuf JSON of OfferingFields.
        static func read(_ path: String) throws -> [Myopenip_V1_OfferingFields] {
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure.usage("cannot read \(path)") }
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let items = object["offerings"] as? [Any]
            else { throw CommandFailure.usage("\(path): expected a JSON object with an \"offerings\" array") }
            return try items.enumerated().map { index, item in
                do {
                    let json = try JSONSerialization.data(withJSONObject: item)
                    return try Myopenip_V1_OfferingFields(jsonUTF8Data: json)
                } catch {
                    throw CommandFailure.usage("\(path): offering \(index + 1): \(error)")
                }
            }
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop selling an offering; what was quoted, ordered or contracted keeps its copy.")

        @OptionGroup var connection: WriteOptions
        @OptionGroup var confirmation: ConfirmationFlag
        @Argument(help: "The offering's code.") var code: String

        func run() async throws {
            try Confirmation.require("Retire the offering \(code) from the catalogue?", yes: confirmation.yes)
            let offering = try await connection.withClient { client in try await client.catalogue.retire(code: code) }
            connection.json ? Output.printMessage(offering) : print("\(offering.fields.code) retired")
        }
    }
}

/// Cents as euros, the French way: `1 234,50 €`.
func euros(_ cents: Int64) -> String { Amounts.euros(cents) }

/// An offering category on the command line.
enum CategoryArgument: String, ExpressibleByArgument, CaseIterable {
    case internetAccess = "internet-access"
    case cloud
    case unifiedCommunications = "unified-communications"
    case ipTelephony = "ip-telephony"
    case standardTelephony = "standard-telephony"

    var proto: Myopenip_V1_OfferingCategory {
        switch self {
        case .internetAccess: .internetAccess
        case .cloud: .cloud
        case .unifiedCommunications: .unifiedCommunications
        case .ipTelephony: .ipTelephony
        case .standardTelephony: .standardTelephony
        }
    }
}
