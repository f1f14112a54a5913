import Foundation
import MyOpenIPClient
import MyOpenIPDomain

/// How invoices and credit notes print for people: the document's blocks, as on paper.
enum InvoiceOutput {
    static func printList(_ invoices: [Myopenip_V1_Invoice]) {
        Output.printTable(
            header: ["NUMÉRO", "TYPE", "CLIENT", "PÉRIODE", "DATE", "ÉCHÉANCE", "TOTAL TTC", "RESTE À PAYER", "ÉTAT"],
            rows: invoices.map {
                [
                    $0.number, $0.seriesLabel, $0.companyReference, $0.period.isEmpty ? "-" : $0.period,
                    french($0.issueDate), french($0.dueDate), euros($0.includingVatCents),
                    $0.series == .invoice ? euros($0.outstandingCents) : "-", $0.stateLabel,
                ]
            })
    }

    static func print(_ invoice: Myopenip_V1_Invoice) {
        var fields: [(String, String)] = [
            (invoice.seriesLabel.lowercased(), invoice.number), ("état", invoice.stateLabel),
            ("date", french(invoice.issueDate)), ("échéance", french(invoice.dueDate)),
            ("période", "du \(french(invoice.periodStart)) au \(french(invoice.periodEnd))"),
            ("vendeur", party(invoice.seller)), ("client", party(invoice.buyer)),
        ]
        if invoice.hasDelivery { fields.append(("lieu de livraison", party(invoice.delivery))) }
        if !invoice.correctsNumber.isEmpty {
            fields.append(("facture corrigée", "\(invoice.correctsNumber) du \(french(invoice.correctsIssueDate))"))
        }
        if !invoice.creditNotes.isEmpty { fields.append(("avoirs", invoice.creditNotes.joined(separator: ", "))) }
        Output.printFields(fields)
        Swift.print("")
        printLines(invoice.lines)
        Swift.print("")
        printTotals(
            vat: invoice.vat, excluding: invoice.excludingVatCents, vatCents: invoice.vatCents,
            including: invoice.includingVatCents)
        if invoice.series == .invoice {
            Output.printFields([
                ("réglé", euros(invoice.paidCents)), ("avoirs", euros(invoice.creditedCents)),
                ("reste à payer", euros(invoice.outstandingCents)),
            ])
        }
        for payment in invoice.payments {
            Swift.print("règlement du \(french(payment.receivedOn)) : \(euros(payment.amountCents)) \(payment.reference)")
        }
        Swift.print("")
        for mention in invoice.legalMentions { Swift.print(mention) }
    }

    static func printLines(_ lines: [Myopenip_V1_InvoiceLine]) {
        Output.printTable(
            header: ["N°", "DÉSIGNATION", "PÉRIODE", "QTÉ", "PU HT", "TVA", "MONTANT HT", "AVOIR"],
            rows: lines.map {
                [
                    "\($0.number)", $0.description_p, "\(french($0.periodStart)) – \(french($0.periodEnd))",
                    "\($0.quantity)", euros($0.unitPriceCents), percent($0.vatRateBasisPoints), euros($0.amountCents),
                    $0.creditedBy.isEmpty ? "" : $0.creditedBy,
                ]
            })
    }

    static func printTotals(vat: [Myopenip_V1_VATBreakdown], excluding: Int64, vatCents: Int64, including: Int64) {
        var fields = [("total HT", euros(excluding))]
        for rate in vat {
            fields.append(("TVA \(percent(rate.rateBasisPoints)) sur \(euros(rate.baseCents))", euros(rate.vatCents)))
        }
        fields += [("total TVA", euros(vatCents)), ("total TTC", euros(including))]
        Output.printFields(fields)
    }

    static func party(_ party: Myopenip_V1_BillingParty) -> String {
        var parts = [party.name]
        if !party.reference.isEmpty { parts[0] += " (\(party.reference))" }
        parts.append(
            [party.street, "\(party.postcode) \(party.city)".trimmingCharacters(in: .whitespaces)]
                .filter { !$0.isEmpty }.joined(separator: ", "))
        if !party.siren.isEmpty { parts.append("SIREN \(party.siren), TVA \(party.vatNumber)") }
        return parts.filter { !$0.isEmpty }.joined(separator: " — ")
    }

    static func french(_ day: String) -> String { CivilDate(day)?.french ?? day }

    static func percent(_ basisPoints: UInt32) -> String { Amounts.percent(basisPoints: Int64(basisPoints)) }

    /// « 123.45 » or « 123,45 » euros as cents; nil for anything else.
    static func cents(_ text: String) -> Int64? {
        let normalized = text.replacingOccurrences(of: ",", with: ".")
        let parts = normalized.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let units = Int64(parts[0]), units >= 0, !parts[0].hasPrefix("+") else {
            return nil
        }
        var fraction: Int64 = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isNumber), let value = Int64(parts[1]) else {
                return nil
            }
            fraction = parts[1].count == 1 ? value * 10 : value
        }
        let (product, overflow) = units.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        return product + fraction
    }
}

/// A progress bar on one terminal line, redrawn in place.
struct ProgressLine {
    let enabled: Bool

    func show(_ done: Int, of total: Int, _ text: String) {
        guard enabled else { return }
        let width = 30
        let filled = total == 0 ? width : min(width, done * width / max(total, 1))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let percent = total == 0 ? 100 : done * 100 / max(total, 1)
        FileHandle.standardOutput.write(Data("\r\u{1B}[2K\(bar) \(percent) % \(done)/\(total) \(text)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
