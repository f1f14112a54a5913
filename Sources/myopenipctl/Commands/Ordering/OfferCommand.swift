import ArgumentParser
import Foundation
import MyOpenIPClient
import MyOpenIPDomain

/// `myopenipctl offer …`: contracted offers (« Offres contractées »).
struct OfferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer", abstract: "List and show contracted offers (« Offres contractées »); terminate one.",
        subcommands: [List.self, Show.self, History.self, Terminate.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The guide's list of contracted offers, newest first.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this client (OIP-…).") var company: String = ""
        @Option(help: "Only offers on this site (its id).") var site: Int64 = 0
        @Option(help: "Only this category: internet-access, cloud, unified-communications, ip-telephony, standard-telephony.")
        var category: CategoryArgument?
        @Option(help: "Words of the reference, the name, the city or the client's name.") var text: String = ""
        @Option(help: "Offers per page (at most 500).") var pageSize: UInt32 = 50
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.orders.offers(
                    companyReference: company, siteID: site, category: category?.proto ?? .unspecified, text: text,
                    pageSize: pageSize, pageToken: pageToken)
            }
            if connection.json { return Output.printList("offers", page.offers, nextPageToken: page.nextPageToken) }
            Output.printTable(
                header: [
                    "PILOTE", "RÉF.", "NOM", "RÉF. DERNIÈRE COMMANDE", "CLIENT FINAL", "COMPTE CLIENT", "VILLE",
                    "DATE DE LIVRAISON", "ÉTAT", "TYPE",
                ],
                rows: page.offers.map(Self.row))
            Output.printNextPage(page.nextPageToken)
        }

        static func row(_ offer: Myopenip_V1_ContractedOffer) -> [String] {
            [
                offer.pilot.isEmpty ? "Aucun" : offer.pilot, offer.reference, offer.name, offer.lastOrderReference,
                offer.companyName, offer.companyReference, offer.city.uppercased(),
                offer.hasDeliveredAt ? offer.deliveredAt.shownDate : "Pas encore livrée", offer.stateLabel, offer.kindLabel,
            ]
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The detail of a contracted offer.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Its reference (OC40482).") var reference: String

        func run() async throws {
            let detail = try await connection.withClient { client in try await client.orders.offer(reference: reference) }
            if connection.json { return Output.printMessage(detail) }
            let offer = detail.offer
            print("Liste des offres contractées / \(offer.name) [\(offer.reference)]\n")
            Output.printFields(
                [
                    ("réf. commande", offer.lastOrderReference), ("pilote", offer.pilot.isEmpty ? "Aucun" : offer.pilot),
                    ("date de livraison", offer.hasDeliveredAt ? offer.deliveredAt.shownDate : "Pas encore livrée"),
                    ("état", offer.stateLabel), ("type", offer.kindLabel),
                    ("client final", offer.companyName), ("compte client", offer.companyReference),
                    ("n° téléphone", detail.companyPhone.isEmpty ? "-" : detail.companyPhone),
                    ("site", detail.site.name),
                    ("adresse", "\(detail.site.street) \(detail.site.postcode) \(detail.site.city.uppercased())"),
                    ("complément", detail.site.complement.isEmpty ? "Aucun" : detail.site.complement),
                    ("pays", detail.site.country),
                    ("frais de mise en service HT", euros(detail.oneTimeTotalCents)),
                    ("abonnement mensuel HT", euros(detail.monthlyTotalCents)),
                    (
                        "engagement",
                        "\(detail.commitmentMonths) mois"
                            + (detail.hasCommitmentEndsAt ? " (jusqu'au \(detail.commitmentEndsAt.shownDate))" : "")
                    ),
                    ("coût total sur l'engagement HT", euros(detail.commitmentTotalCents)),
                ] + Self.lifecycleFields(detail))
            print("\nProduits inclus")
            Output.printTable(
                header: ["OFFRE", "QTÉ", "CHAMP", "VALEUR"],
                rows: [[detail.offering.name, "\(offer.quantity)", "", ""]] + detail.form.map { ["", "", $0.label, $0.value] })
            if !detail.upgrades.isEmpty {
                print("\nOptions")
                Output.printTable(
                    header: ["RÉF.", "NOM", "COMMANDE", "ÉTAT"],
                    rows: detail.upgrades.map { [$0.reference, $0.name, $0.lastOrderReference, $0.stateLabel] })
            }
            print("\nActeurs")
            Output.printTable(
                header: ["RÔLE", "NOM", "EMAIL", "TÉLÉPHONE"],
                rows: detail.actors.map { [$0.part, $0.name, $0.email, $0.phone] })
            print("\nHistorique des opérations")
            Output.printTable(
                header: ["DATE", "PAR", "ÉTAT", "MOTIF"],
                rows: detail.history.map { [$0.at.shown, $0.actor, $0.toState.label, $0.reason] })
        }
    }
}

extension OfferCommand.Show {
    /// What the upgrades and a termination add to the detail.
    static func lifecycleFields(_ detail: Myopenip_V1_ContractedOfferDetail) -> [(String, String)] {
        var fields: [(String, String)] = []
        if !detail.offer.upgradedOfferReference.isEmpty { fields.append(("option de", detail.offer.upgradedOfferReference)) }
        if !detail.upgrades.isEmpty {
            fields.append(("service livré", detail.service.map { "\($0.label) : \($0.value)" }.joined(separator: ", ")))
            fields.append(("mensuel avec options HT", euros(detail.monthlyTotalWithUpgradesCents)))
        }
        if detail.hasTermination {
            let termination = detail.termination
            fields.append(
                (
                    "résiliation",
                    "demandée le \(OfferCommand.Terminate.french(termination.requestDate)) par \(termination.requestedBy), "
                        + "effective le \(OfferCommand.Terminate.french(termination.effectiveDate)) "
                        + "(\(euros(termination.totalCents)) HT)"
                ))
        }
        return fields
    }
}

extension Myopenip_V1_ContractedOfferState {
    var label: String {
        switch self {
        case .created: return ContractedOfferState.created.label
        case .pendingActive: return ContractedOfferState.pendingActive.label
        case .active: return ContractedOfferState.active.label
        case .suspended: return ContractedOfferState.suspended.label
        case .pendingTerminate: return ContractedOfferState.pendingTerminate.label
        case .terminated: return ContractedOfferState.terminated.label
        case .cancelled: return ContractedOfferState.cancelled.label
        case .unspecified, .UNRECOGNIZED: return "?"
        }
    }
}
