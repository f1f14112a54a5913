import ArgumentParser
import Foundation
import MyOpenIPClient
import MyOpenIPDomain
import SwiftProtobuf

/// `myopenipctl cdr …`: call detail records (« détails d'appels »).
struct CallRecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cdr", abstract: "Import and list call detail records.", subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a CSV file of calls (started_at,duration_seconds,calling,called,destination,offer), "
                + "in batches of 10,000; importing the same file again adds nothing.",
            discussion: """
                started_at is RFC 3339 (2026-03-10T09:15:00Z); destination one of on_net, national, mobile, \
                overseas, international, special, emergency; offer a contracted offer (OC00001). A first line \
                naming the columns is skipped.
                """)

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "The batch's id (default: the file's name); batches are BATCH-1, BATCH-2…") var batchID: String?

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure.usage("cannot read \(file)")
            }
            let records = try Self.parse(String(decoding: data, as: UTF8.self))
            let base = batchID ?? URL(fileURLWithPath: file).lastPathComponent
            var imported = 0
            var rated = 0
            var unrated: [String] = []
            var repeated = 0
            try await connection.withClient(timeout: nil) { client in
                for (index, start) in stride(from: 0, to: max(records.count, 1), by: 10_000).enumerated() {
                    let chunk = Array(records[start..<min(start + 10_000, records.count)])
                    let answer = try await client.billing.importCalls(batchID: "\(base)-\(index + 1)", records: chunk)
                    if answer.alreadyImported {
                        repeated += 1
                        continue
                    }
                    imported += Int(answer.imported)
                    rated += Int(answer.rated)
                    unrated += answer.unrated.map { "ligne \(start + Int($0.index) + 1) : \($0.reason)" }
                }
            }
            if connection.json {
                Output.printJSON([
                    "imported": imported, "rated": rated, "unrated": unrated, "batches_already_imported": repeated,
                ])
                return
            }
            print("\(imported) appels importés, \(rated) valorisés, \(unrated.count) non valorisés")
            if repeated > 0 { print("\(repeated) lot(s) déjà importé(s) : rien d'ajouté") }
            for line in unrated { print(line) }
        }

        static func parse(_ text: String) throws -> [Myopenip_V1_CallRecord] {
            var records: [Myopenip_V1_CallRecord] = []
            for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                if number == 0 && fields.first == "started_at" { continue }
                guard fields.count == 6, let started = try? Date(fields[0], strategy: .iso8601),
                    let duration = UInt32(fields[1])
                else { throw ValidationError("line \(number + 1): started_at,duration_seconds,calling,called,destination,offer") }
                var record = Myopenip_V1_CallRecord()
                record.startedAt = Google_Protobuf_Timestamp(date: started)
                record.durationSeconds = duration
                record.callingNumber = fields[2]
                record.calledNumber = fields[3]
                guard let destination = DestinationClass(rawValue: fields[4]) else {
                    throw ValidationError("line \(number + 1): unknown destination \(fields[4])")
                }
                record.destination = Myopenip_V1_DestinationClass(
                    rawValue: DestinationClass.allCases.firstIndex(of: destination)! + 1)!
                record.offerReference = fields[5]
                records.append(record)
            }
            return records
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List call detail records, newest first.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this company (OIP-…).") var company: String = ""
        @Option(help: "Only this contracted offer (OC…).") var offer: String = ""
        @Option(help: "Only this month (YYYY-MM).") var period: String = ""
        @Option(help: "Only the calls this invoice billed.") var invoice: String = ""
        @Flag(help: "Only the calls that could not be rated.") var unrated = false
        @Option(help: "Records per page (at most 500).") var pageSize: UInt32 = 50
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.billing.calls(
                    companyReference: company, offerReference: offer, period: period, invoiceNumber: invoice,
                    unratedOnly: unrated, pageSize: pageSize, pageToken: pageToken)
            }
            if connection.json { return Output.printList("records", page.records, nextPageToken: page.nextPageToken) }
            Output.printTable(
                header: ["DATE", "DURÉE", "APPELANT", "APPELÉ", "DESTINATION", "OFFRE", "MONTANT HT", "FACTURE"],
                rows: page.records.map {
                    [
                        $0.startedAt.shown, "\($0.durationSeconds) s", $0.callingNumber, $0.calledNumber,
                        $0.destinationLabel, $0.offerReference,
                        $0.rated ? euros(($0.priceMillicents + 500) / 1000) : "non valorisé : \($0.unratedReason)",
                        $0.invoiceNumber,
                    ]
                })
            Output.printNextPage(page.nextPageToken)
        }
    }
}
