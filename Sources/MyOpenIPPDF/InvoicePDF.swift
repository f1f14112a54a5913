import Foundation
import MyOpenIPDomain
import Synchronization

/// The printed form of an invoice or credit note, as a Factur-X PDF: A4 pages with the seller
/// and the client, the references and dates, the lines (continued on further pages when they
/// do not fit), VAT per rate and the totals, the payment details and every legal mention; the
/// document's CII XML attached. Pure and deterministic: the same document gives the same bytes.
public struct InvoicePDF: Sendable {
    /// The fonts of the portal's documents: DejaVu Sans, regular and bold.
    public struct Fonts: Sendable {
        let regular: EmbeddableFont
        let bold: EmbeddableFont

        public init(regular: TrueTypeFont, bold: TrueTypeFont) {
            self.regular = EmbeddableFont(regular)
            self.bold = EmbeddableFont(bold)
        }

        /// Debian's `fonts-dejavu-core`.
        public static let defaultFolder = "/usr/share/fonts/truetype/dejavu"

        private static let loaded = Mutex<[String: Fonts]>([:])

        /// The two fonts read from `folder`, once per process: every renderer shares them.
        public static func load(from folder: String = defaultFolder) throws -> Fonts {
            if let fonts = loaded.withLock({ $0[folder] }) { return fonts }
            let fonts = try read(from: folder)
            loaded.withLock { $0[folder] = fonts }
            return fonts
        }

        static func read(from folder: String) throws -> Fonts {
            func read(_ name: String) throws -> TrueTypeFont {
                let path = folder + "/" + name
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw TrueTypeFont.Failure.malformed("cannot read \(path) (Debian package fonts-dejavu-core)")
                }
                return try TrueTypeFont(Array(data))
            }
            return Fonts(regular: try read("DejaVuSans.ttf"), bold: try read("DejaVuSans-Bold.ttf"))
        }
    }

    let fonts: Fonts

    public init(fonts: Fonts) {
        self.fonts = fonts
    }

    static let margin = 42.0
    static let right = PDFPage.width - margin
    /// The columns of the table of lines: designation, period, quantity, unit price, VAT, amount.
    static let columns = (designation: margin, period: 262.0, quantityRight: 384.0, unitRight: 450.0, vatRight: 490.0)

    /// The PDF of `document`, whose Factur-X XML is `xml`, made at `created`.
    public func render(_ document: BillingDocument, xml: String, created: Date) -> [UInt8] {
        let regular = PDFFont(fonts.regular, name: "F1")
        let bold = PDFFont(fonts.bold, name: "F2")
        var pages: [PDFCanvas] = []
        var canvas = PDFCanvas()
        var top = header(document, on: &canvas, regular: regular, bold: bold)
        top = tableHeader(on: &canvas, top: top, bold: bold)
        for line in document.lines {
            let description = regular.wrap(line.description, size: 8, width: Self.columns.period - Self.margin - 8)
            let height = Double(description.count) * 10 + 4
            if top + height > PDFPage.height - 120 {
                pages.append(canvas)
                canvas = PDFCanvas()
                canvas.text(
                    "\(document.number.series.label) n° \(document.number) (suite)", x: Self.margin, top: 50, font: bold,
                    size: 11)
                top = tableHeader(on: &canvas, top: 70, bold: bold)
            }
            var lineTop = top + 10
            for text in description {
                canvas.text(text, x: Self.margin, top: lineTop, font: regular, size: 8)
                lineTop += 10
            }
            canvas.text(
                "\(line.periodStart.french) – \(line.periodEnd.french)", x: Self.columns.period, top: top + 10,
                font: regular, size: 8)
            canvas.rightText(
                String(line.quantity), right: Self.columns.quantityRight, top: top + 10, font: regular, size: 8)
            canvas.rightText(
                Amounts.euros(line.unitPriceCents), right: Self.columns.unitRight, top: top + 10, font: regular, size: 8)
            canvas.rightText(
                Self.percent(line.vatRateBasisPoints), right: Self.columns.vatRight, top: top + 10, font: regular, size: 8)
            canvas.rightText(Amounts.euros(line.amountCents), right: Self.right, top: top + 10, font: regular, size: 8)
            top += height
            canvas.rule(from: Self.margin, to: Self.right, top: top - 1, gray: 0.85, width: 0.3)
        }
        let closingHeight = 120.0 + Double(document.totals.breakdown.count) * 12 + 12 * 11
        if top + closingHeight > PDFPage.height - 40 {
            pages.append(canvas)
            canvas = PDFCanvas()
            top = 60
        }
        top = totals(document, on: &canvas, top: top + 8, regular: regular, bold: bold)
        closing(document, on: &canvas, top: top + 14, regular: regular, bold: bold)
        pages.append(canvas)
        let count = pages.count
        let finished = pages.enumerated().map { index, page -> PDFPage in
            var page = page
            page.rule(from: Self.margin, to: Self.right, top: PDFPage.height - 34, gray: 0.7, width: 0.3)
            page.text(
                "\(document.seller.name) — \(document.seller.legalForm) — SIREN \(document.seller.siren) — "
                    + "\(document.seller.registration) — TVA \(document.seller.vatNumber)",
                x: Self.margin, top: PDFPage.height - 24, font: regular, size: 6.5, gray: 0.35)
            page.rightText(
                "\(document.number) — page \(index + 1)/\(count)", right: Self.right, top: PDFPage.height - 24,
                font: regular, size: 6.5)
            return PDFPage(content: page.content)
        }
        let pdf = FacturXPDF(
            title: "\(document.number.series.label) \(document.number)", author: document.seller.name, created: created,
            xml: xml)
        return pdf.file(pages: finished, fonts: [(regular, "AAAAAA"), (bold, "AAAAAB")])
    }

    /// The seller, the title and references, the client; returns where the lines begin.
    func header(_ document: BillingDocument, on canvas: inout PDFCanvas, regular: PDFFont, bold: PDFFont) -> Double {
        let seller = document.seller
        canvas.text(seller.name, x: Self.margin, top: 58, font: bold, size: 18)
        var top = 74.0
        for line in [
            seller.legalForm, seller.street, "\(seller.postcode) \(seller.city)",
            "SIREN \(seller.siren) — \(seller.registration)",
            "TVA intracommunautaire \(seller.vatNumber)", seller.email,
        ] {
            canvas.text(line, x: Self.margin, top: top, font: regular, size: 8)
            top += 10.5
        }
        let title = document.number.series == .invoice ? "FACTURE" : "AVOIR"
        canvas.rightText(title, right: Self.right, top: 58, font: bold, size: 18)
        var references = [
            ("N°", document.number.description), ("Date", document.issuedOn.french),
            ("Échéance", document.dueOn.french),
            ("Période", "du \(document.periodStart.french) au \(document.periodEnd.french)"),
            ("Compte client", document.buyer.reference),
        ]
        if let corrected = document.corrects {
            references.append(("Facture corrigée", "\(corrected.number) du \(corrected.issuedOn.french)"))
        }
        var referenceTop = 76.0
        for (label, value) in references {
            canvas.rightText(value, right: Self.right, top: referenceTop, font: bold, size: 8.5)
            canvas.rightText(
                label + " :", right: Self.right - bold.width(value, size: 8.5) - 6, top: referenceTop, font: regular,
                size: 8.5)
            referenceTop += 11
        }
        // The client, in a shaded box on the right; the delivery address on the left when it differs.
        let boxTop = max(top, referenceTop) + 12
        let boxX = 320.0
        canvas.box(x: boxX, top: boxTop, width: Self.right - boxX, height: 78, gray: 0.94)
        let buyer = document.buyer
        var buyerTop = boxTop + 14
        canvas.text("Client", x: boxX + 8, top: buyerTop, font: regular, size: 7.5, gray: 0.35)
        buyerTop += 12
        canvas.text(buyer.name, x: boxX + 8, top: buyerTop, font: bold, size: 10)
        buyerTop += 12
        for line in [
            buyer.street, "\(buyer.postcode) \(buyer.city)", "SIREN \(buyer.siren) — TVA \(buyer.vatNumber)",
        ] where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            canvas.text(line, x: boxX + 8, top: buyerTop, font: regular, size: 8)
            buyerTop += 10.5
        }
        if let delivery = document.deliveryAddress {
            var deliveryTop = boxTop + 14
            canvas.text("Lieu de livraison", x: Self.margin, top: deliveryTop, font: regular, size: 7.5, gray: 0.35)
            deliveryTop += 12
            for line in [delivery.name, delivery.street, "\(delivery.postcode) \(delivery.city)"] {
                canvas.text(line, x: Self.margin, top: deliveryTop, font: regular, size: 8)
                deliveryTop += 10.5
            }
        }
        return boxTop + 96
    }

    func tableHeader(on canvas: inout PDFCanvas, top: Double, bold: PDFFont) -> Double {
        canvas.box(x: Self.margin, top: top, width: Self.right - Self.margin, height: 16, gray: 0.88)
        let y = top + 11
        canvas.text("Désignation", x: Self.margin + 3, top: y, font: bold, size: 7.5)
        canvas.text("Période", x: Self.columns.period, top: y, font: bold, size: 7.5)
        canvas.rightText("Qté", right: Self.columns.quantityRight, top: y, font: bold, size: 7.5)
        canvas.rightText("PU HT", right: Self.columns.unitRight, top: y, font: bold, size: 7.5)
        canvas.rightText("TVA", right: Self.columns.vatRight, top: y, font: bold, size: 7.5)
        canvas.rightText("Montant HT", right: Self.right - 3, top: y, font: bold, size: 7.5)
        return top + 18
    }

    func totals(_ document: BillingDocument, on canvas: inout PDFCanvas, top: Double, regular: PDFFont, bold: PDFFont)
        -> Double
    {
        let totals = document.totals
        let labelRight = Self.right - 90
        var y = top + 10
        func row(_ label: String, _ value: String, font: PDFFont, size: Double = 8.5) {
            canvas.rightText(label, right: labelRight, top: y, font: font, size: size)
            canvas.rightText(value, right: Self.right, top: y, font: font, size: size)
            y += 13
        }
        row("Total HT", Amounts.euros(totals.excludingVATCents), font: regular)
        for rate in totals.breakdown {
            row(
                "TVA \(Self.percent(rate.rateBasisPoints)) sur \(Amounts.euros(rate.baseCents))",
                Amounts.euros(rate.vatCents), font: regular)
        }
        row("Total TVA", Amounts.euros(totals.vatCents), font: regular)
        canvas.rule(from: labelRight - 120, to: Self.right, top: y - 8, gray: 0.4, width: 0.6)
        y += 2
        row("Total TTC", Amounts.euros(totals.includingVATCents), font: bold, size: 10)
        if document.number.series == .invoice {
            row("Net à payer", Amounts.euros(totals.includingVATCents), font: bold, size: 10)
        } else {
            row("Montant de l'avoir TTC", Amounts.euros(totals.includingVATCents), font: bold, size: 10)
        }
        return y
    }

    func closing(_ document: BillingDocument, on canvas: inout PDFCanvas, top: Double, regular: PDFFont, bold: PDFFont) {
        var y = top
        let width = Self.right - Self.margin
        if document.number.series == .invoice {
            canvas.text("Règlement", x: Self.margin, top: y, font: bold, size: 8.5)
            y += 11
            let payment =
                "Paiement à \(document.terms.days) jours, au plus tard le \(document.dueOn.french), par virement "
                + "à l'ordre de \(document.seller.name) — IBAN \(Self.grouped(document.seller.iban)) — BIC "
                + "\(document.seller.bic) — en rappelant le numéro \(document.number)."
            for line in regular.wrap(payment, size: 8, width: width) {
                canvas.text(line, x: Self.margin, top: y, font: regular, size: 8)
                y += 10
            }
            y += 6
        }
        canvas.text("Mentions légales", x: Self.margin, top: y, font: bold, size: 8.5)
        y += 11
        for mention in document.legalMentions {
            for line in regular.wrap(mention, size: 7.5, width: width) {
                canvas.text(line, x: Self.margin, top: y, font: regular, size: 7.5)
                y += 9.5
            }
        }
    }

    static func percent(_ basisPoints: Int64) -> String { Amounts.percent(basisPoints: basisPoints) }

    /// An IBAN in groups of four.
    static func grouped(_ iban: String) -> String {
        var groups: [String] = []
        var rest = Substring(iban)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }
}
