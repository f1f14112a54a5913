import ArgumentParser
import Foundation
import MyOpenIPClient
import MyOpenIPDomain

/// « Résilier une offre » and the history of an offer, from the command line.
extension OfferCommand {
    struct Terminate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Terminate a delivered offer: shows the dry run (notice, effective date, fees, penalties), then "
                + "asks for the irreversible confirmation.")

        @OptionGroup var connection: WriteOptions
        @OptionGroup var confirmation: ConfirmationFlag
        @Argument(help: "The offer's reference (OC40482).") var reference: String
        @Option(help: "The desired date (YYYY-MM-DD; today by default).") var date: String = ""
        @Flag(help: "Show the dry run only.") var dryRun = false
        @Option(help: "Why (kept in the history).") var reason: String = ""

        func run() async throws {
            try await connection.withClient { client in
                let terms = try await client.orders.dryRunTermination(offer: reference, desiredDate: date)
                if connection.json && dryRun { return Output.printMessage(terms) }
                if !connection.json { Self.print(terms) }
                if dryRun { return }
                try Confirmation.require(TerminationTerms.confirmationPrompt, yes: confirmation.yes)
                let confirmed = try await client.orders.terminate(terms, reason: reason)
                if connection.json { return Output.printMessage(confirmed) }
                Swift.print(
                    "\n\(confirmed.reference) : \(confirmed.stateLabel), résiliation effective le \(Self.french(confirmed.effectiveDate))"
                )
            }
        }

        static func print(_ terms: Myopenip_V1_TerminationTerms) {
            Output.printFields([
                ("offre", terms.reference),
                ("date de la demande", french(terms.requestDate)),
                ("date souhaitée", french(terms.desiredDate)),
                ("préavis", "\(terms.noticeMonths) mois (jusqu'au \(french(terms.noticeEndsOn)))"),
                ("date de résiliation effective", french(terms.effectiveDate)),
                ("frais de résiliation HT", euros(terms.terminationFeeCents)),
                ("pénalités HT", euros(terms.penaltyCents)),
                ("total HT", euros(terms.totalCents)),
            ])
            Swift.print("")
            Output.printTable(
                header: ["OFFRE", "NOM", "FIN D'ENGAGEMENT", "MOIS RESTANTS", "MENSUEL HT", "FRAIS HT", "PÉNALITÉS HT"],
                rows: terms.lines.map {
                    [
                        $0.reference, $0.name, $0.commitmentEndsOn.isEmpty ? "-" : french($0.commitmentEndsOn),
                        "\($0.remainingCommittedMonths)", euros($0.monthlyCents), euros($0.terminationFeeCents),
                        euros($0.penaltyCents),
                    ]
                })
            Swift.print("")
            for warning in terms.warnings { Swift.print(warning) }
            Output.flush()
        }

        static func french(_ day: String) -> String { CivilDate(day)?.french ?? day }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The history of operations of a contracted offer (« historique des opérations »).")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The offer's reference (OC40482).") var reference: String

        func run() async throws {
            let detail = try await connection.withClient { client in try await client.orders.offer(reference: reference) }
            if connection.json { return Output.printList("history", detail.history) }
            Output.printTable(
                header: ["DATE", "COMMANDE", "PAR", "DE", "À", "MOTIF"],
                rows: detail.history.map {
                    [
                        $0.at.shown, $0.orderReference, $0.actor, $0.fromState == .unspecified ? "-" : $0.fromState.label,
                        $0.toState.label, $0.reason,
                    ]
                })
        }
    }
}
