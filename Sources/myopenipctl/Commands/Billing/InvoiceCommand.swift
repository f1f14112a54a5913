import ArgumentParser
import Foundation
import MyOpenIPClient
import MyOpenIPDomain

/// `myopenipctl invoice …`: « Voir mes factures », and the operator's monthly runs.
struct InvoiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice",
        abstract: "Run a month's invoices; list, show and download invoices; see what the next one will be.",
        subcommands: [Run.self, DryRun.self, List.self, Show.self, Download.self, Send.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Operator staff: bill a month (YYYY-MM) for every company, or one; safe to run again.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The month billed (YYYY-MM): its subscriptions in advance, the usage of the month before.")
        var period: String
        @Option(help: "Only this company (OIP-…).") var company: String = ""

        func run() async throws {
            let bar = ProgressLine(enabled: !connection.json && isatty(STDOUT_FILENO) == 1)
            let last = try await connection.withClient(timeout: nil) { client in
                var last = Myopenip_V1_InvoiceRunProgress()
                for try await progress in try await client.billing.run(period: period, companyReference: company) {
                    last = progress
                    if connection.json {
                        Output.printJSON(Output.jsonObject(progress), pretty: false)
                    } else if bar.enabled {
                        bar.show(Int(progress.companiesDone), of: Int(progress.companiesTotal), Self.counts(progress))
                    } else if !progress.finished {
                        print("\(progress.companiesDone)/\(progress.companiesTotal) \(Self.counts(progress))")
                    }
                    Output.flush()
                }
                return last
            }
            bar.finish()
            if !connection.json {
                print(
                    "\(last.period) : \(last.companiesDone)/\(last.companiesTotal) sociétés, \(Self.counts(last)), "
                        + "total TTC émis \(euros(last.issuedIncludingVatCents))")
            }
        }

        static func counts(_ progress: Myopenip_V1_InvoiceRunProgress) -> String {
            "\(progress.invoicesIssued) émises, \(progress.alreadyIssued) déjà émises, \(progress.nothingDue) sans rien à facturer"
        }
    }

    struct DryRun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dry-run", abstract: "The invoice a company would get for a month, stored nowhere.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The company (OIP-…).") var company: String
        @Option(help: "The month (YYYY-MM); the next one by default.") var period: String = ""

        func run() async throws {
            let preview = try await connection.withClient { client in
                try await client.billing.dryRun(companyReference: company, period: period)
            }
            if connection.json { return Output.printMessage(preview) }
            if !preview.issuedAs.isEmpty {
                print("\(preview.period) : déjà facturé par la facture \(preview.issuedAs)")
                return
            }
            Output.printFields([
                ("société", preview.companyReference), ("période", preview.period),
                ("date de facture", InvoiceOutput.french(preview.issueDate)),
                ("échéance", InvoiceOutput.french(preview.dueDate)),
            ])
            print("")
            InvoiceOutput.printLines(preview.lines)
            print("")
            InvoiceOutput.printTotals(
                vat: preview.vat, excluding: preview.excludingVatCents, vatCents: preview.vatCents,
                including: preview.includingVatCents)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List invoices and credit notes, newest first.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this company (OIP-…).") var company: String = ""
        @Flag(help: "Only credit notes.") var creditNotes = false
        @Option(help: "Documents per page (at most 500).") var pageSize: UInt32 = 50
        @Option(parsing: .unconditional, help: "The page after this token.") var pageToken: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.billing.list(
                    companyReference: company, series: creditNotes ? .creditNote : .unspecified, pageSize: pageSize,
                    pageToken: pageToken)
            }
            if connection.json { return Output.printList("invoices", page.invoices, nextPageToken: page.nextPageToken) }
            InvoiceOutput.printList(page.invoices)
            Output.printNextPage(page.nextPageToken)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an invoice or credit note: parties, lines, VAT, totals, payments, legal mentions.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Its number (F2026-000001, A2026-000001).") var number: String

        func run() async throws {
            let invoice = try await connection.withClient { client in try await client.billing.get(number: number) }
            connection.json ? Output.printMessage(invoice) : InvoiceOutput.print(invoice)
        }
    }

    struct Download: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the Factur-X PDF of an invoice or credit note (or its XML alone) to a file.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Its number.") var number: String
        @Flag(help: "The Factur-X XML (factur-x.xml) alone, not the PDF.") var xml = false
        @Flag(help: "The calls the invoice billed, as CSV (« détail des appels »).") var calls = false
        @Option(help: "The file to write (default: the document's own name).") var out: String?

        func run() async throws {
            let document = try await connection.withClient { client in
                try await client.billing.document(number: number, format: calls ? .callDetail : xml ? .xml : .pdf)
            }
            let path = out ?? (xml ? "\(document.number).xml" : document.fileName)
            guard FileManager.default.createFile(atPath: path, contents: document.content) else {
                throw CommandFailure.usage("cannot write \(path)")
            }
            if connection.json {
                Output.printJSON(["number": document.number, "file": path, "bytes": document.content.count])
            } else {
                print("\(document.number) → \(path) (\(document.content.count) octets)")
            }
        }
    }

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Operator staff: mark a document sent to its client.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "Its number.") var number: String

        func run() async throws {
            let invoice = try await connection.withClient { client in try await client.billing.markSent(number: number) }
            connection.json ? Output.printMessage(invoice) : print("\(invoice.number) : \(invoice.stateLabel)")
        }
    }
}

/// `myopenipctl credit-note …`: corrections of issued invoices.
struct CreditNoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credit-note", abstract: "Create, list and download credit notes (« avoirs »).",
        subcommands: [Create.self, List.self, Download.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Operator staff: a credit note for some lines of an invoice, or every line not credited yet.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The invoice corrected (F2026-000001).") var invoice: String
        @Option(name: .customLong("line"), help: "A line number to credit (repeat it); none for every line.")
        var lines: [UInt32] = []
        @Option(help: "Why (kept with the credit note).") var reason: String

        func run() async throws {
            let note = try await connection.withClient { client in
                try await client.billing.creditNote(invoiceNumber: invoice, lines: lines, reason: reason)
            }
            connection.json ? Output.printMessage(note) : InvoiceOutput.print(note)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List credit notes, newest first.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this company (OIP-…).") var company: String = ""

        func run() async throws {
            let page = try await connection.withClient { client in
                try await client.billing.list(companyReference: company, series: .creditNote)
            }
            if connection.json { return Output.printList("invoices", page.invoices, nextPageToken: page.nextPageToken) }
            InvoiceOutput.printList(page.invoices)
            Output.printNextPage(page.nextPageToken)
        }
    }

    struct Download: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a credit note's Factur-X PDF (or XML) to a file.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Its number (A2026-000001).") var number: String
        @Flag(help: "The Factur-X XML alone, not the PDF.") var xml = false
        @Option(help: "The file to write (default: NUMBER.pdf, or NUMBER.xml).") var out: String?

        func run() async throws {
            var download = InvoiceCommand.Download()
            download.connection = connection
            download.number = number
            download.xml = xml
            download.out = out
            try await download.run()
        }
    }
}

/// `myopenipctl payment record`: a payment received for an invoice.
struct PaymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment", abstract: "Record the payments of invoices.", subcommands: [Record.self])

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Operator staff: record a payment received (TTC).")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The invoice paid (F2026-000001).") var invoice: String
        @Option(help: "The amount received, in euros (\"123.45\").") var amount: String
        @Option(help: "The day it was received (YYYY-MM-DD; today by default).") var receivedOn: String = ""
        @Option(help: "The bank's reference of the transfer, or a cheque number.") var reference: String = ""

        func run() async throws {
            guard let cents = InvoiceOutput.cents(amount) else {
                throw ValidationError("--amount is a sum in euros with at most 2 decimals, such as 123.45")
            }
            let paid = try await connection.withClient { client in
                try await client.billing.recordPayment(
                    invoiceNumber: invoice, amountCents: cents, receivedOn: receivedOn, reference: reference)
            }
            if connection.json { return Output.printMessage(paid) }
            print("\(paid.number) : \(paid.stateLabel), reste à payer \(euros(paid.outstandingCents))")
        }
    }
}
