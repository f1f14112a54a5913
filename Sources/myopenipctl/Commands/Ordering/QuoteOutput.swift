import ArgumentParser
import MyOpenIPClient

/// How quotes and orders show in a terminal.
enum QuoteOutput {
    static func print(_ quote: Myopenip_V1_Quote) {
        var fields: [(String, String)] = [
            ("devis", "\(quote.id)"), ("client", "\(quote.companyName) (\(quote.companyReference))"),
            ("état", quote.stateLabel), ("valable jusqu'au", quote.validUntil.shown),
            ("établi par", quote.createdBy + (quote.enteredForClient ? " pour le client (validation du client requise)" : "")),
        ]
        if quote.hasSubmittedAt { fields.append(("soumis", "\(quote.submittedAt.shown) par \(quote.submittedBy)")) }
        if !quote.orderReference.isEmpty { fields.append(("commande", quote.orderReference)) }
        if quote.hasRefusedAt {
            fields.append(("refusé", "\(quote.refusedAt.shown) par \(quote.refusedBy) \(quote.refusalReason)"))
        }
        Output.printFields(fields)
        Swift.print("")
        printItems(quote.items)
        Swift.print("")
        printContacts(quote.contacts)
        Swift.print("")
        printTotals(quote.totals)
    }

    static func printItems(_ items: [Myopenip_V1_QuoteItem]) {
        Output.printTable(
            header: ["N°", "OFFRE", "SITE", "QTÉ", "FRAIS HT", "MENSUEL HT", "FORMULAIRE"],
            rows: items.map {
                [
                    $0.number, $0.offering.name, "\($0.site.name) (\($0.site.id))", "\($0.quantity)",
                    euros($0.oneTimeTotalCents), euros($0.monthlyTotalCents),
                    $0.form.map { "\($0.name)=\($0.value)" }.joined(separator: " "),
                ]
            })
    }

    static func printContacts(_ contacts: [Myopenip_V1_QuoteContact]) {
        Output.printTable(
            header: ["ID", "CONTACT", "EMAIL", "TÉLÉPHONE", "RÔLE", "ORIGINE", "FONCTIONS"],
            rows: contacts.map {
                [
                    "\($0.id)", [$0.firstName, $0.lastName].filter { !$0.isEmpty }.joined(separator: " "), $0.email, $0.phone,
                    $0.role, $0.source.label, $0.functions.map(\.label).joined(separator: ", "),
                ]
            })
    }

    static func printTotals(_ totals: Myopenip_V1_QuoteTotals) {
        Output.printTable(
            header: ["TOTAL", "HT", "TVA 20 %", "TTC"],
            rows: [
                [
                    "ponctuel", euros(totals.oneTime.excludingVatCents), euros(totals.oneTime.vatCents),
                    euros(totals.oneTime.includingVatCents),
                ],
                [
                    "mensuel", euros(totals.monthly.excludingVatCents), euros(totals.monthly.vatCents),
                    euros(totals.monthly.includingVatCents),
                ],
            ])
    }

    static func print(_ order: Myopenip_V1_Order) {
        var fields: [(String, String)] = [
            ("commande", order.reference), ("client", "\(order.companyName) (\(order.companyReference))"),
            ("état", order.stateLabel), ("devis", "\(order.quoteID)"),
            ("validée", "\(order.placedAt.shown) par \(order.placedBy)"),
            ("CGV acceptées", "version \(order.cgv.version) par \(order.cgv.acceptedBy), \(order.cgv.acceptedAt.shown)"),
            ("pilote", order.pilot.isEmpty ? "Aucun" : order.pilot),
            ("type", order.kindLabel.isEmpty ? "Création" : order.kindLabel),
        ]
        if !order.enteredBy.isEmpty { fields.insert(("saisie par", order.enteredBy), at: 4) }
        if order.hasPointOfNoReturnAt { fields.append(("point de non-retour", order.pointOfNoReturnAt.shown)) }
        Output.printFields(fields)
        Swift.print("")
        Output.printTable(
            header: ["N°", "RÉF.", "OFFRE", "SITE", "QTÉ", "FRAIS HT", "MENSUEL HT", "ÉTAT", "LIVRÉE LE"],
            rows: order.items.map {
                [
                    $0.number, $0.contractedOfferReference,
                    $0.offering.name + ($0.upgradedOfferReference.isEmpty ? "" : " (sur \($0.upgradedOfferReference))"),
                    $0.site.name, "\($0.quantity)", euros($0.oneTimeTotalCents), euros($0.monthlyTotalCents), $0.stateLabel,
                    $0.hasDeliveredAt ? $0.deliveredAt.shownDate : "-",
                ]
            })
        Swift.print("")
        printContacts(order.contacts)
        Swift.print("")
        printTotals(order.totals)
    }
}

/// A contact function on the command line.
enum ContactFunctionArgument: String, ExpressibleByArgument, CaseIterable {
    case intervention
    case delivery
    case followUp = "follow-up"

    var proto: Myopenip_V1_ContactFunction {
        switch self {
        case .intervention: .onSiteIntervention
        case .delivery: .equipmentDelivery
        case .followUp: .orderFollowUp
        }
    }
}
