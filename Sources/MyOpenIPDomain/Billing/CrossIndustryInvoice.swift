/// The Factur-X XML of a billing document: UN/CEFACT Cross Industry Invoice (D16B), profile
/// EN 16931 (« Factur-X EN 16931 », formerly COMFORT), as `factur-x.xml` embeds it in the PDF.
///
/// What it carries, by the French rules (BR-FR) and EN 16931's: type code 380 for an invoice, 381
/// for a credit note, which names the invoice it corrects with its date; dates as `YYYYMMDD`
/// (format 102); the seller's and buyer's SIREN (scheme 0002), VAT numbers (scheme VA) and
/// e-mail addresses (scheme EM); the notes PMT (the 40 € recovery indemnity), PMD (late-payment
/// penalties) and AAB (early-payment discount), once each; per line its period, quantity, net
/// price, VAT category S and rate, and amount; per rate the base and the tax; the totals; the due
/// date and the payment by credit transfer to the seller's IBAN. Amounts have two decimals.
public enum CrossIndustryInvoice {
    public static let guideline = "urn:cen.eu:en16931:2017"
    /// The French « cadre de facturation » (BR-FR-08): S1, an invoice of services.
    public static let businessProcess = "S1"

    public static func xml(_ document: BillingDocument) -> String {
        var xml = XMLText()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.open(
            "rsm:CrossIndustryInvoice",
            attributes: [
                ("xmlns:rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"),
                ("xmlns:qdt", "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"),
                ("xmlns:ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"),
                ("xmlns:udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"),
            ])
        xml.open("rsm:ExchangedDocumentContext")
        xml.open("ram:BusinessProcessSpecifiedDocumentContextParameter")
        xml.element("ram:ID", businessProcess)
        xml.close()
        xml.open("ram:GuidelineSpecifiedDocumentContextParameter")
        xml.element("ram:ID", guideline)
        xml.close()
        xml.close()

        xml.open("rsm:ExchangedDocument")
        xml.element("ram:ID", document.number.description)
        xml.element("ram:TypeCode", document.number.series.typeCode)
        date("ram:IssueDateTime", document.issuedOn, into: &xml)
        let mentions = document.terms.mentions
        note(mentions[1], subject: "PMT", into: &xml)
        note(mentions[0], subject: "PMD", into: &xml)
        note(mentions[2], subject: "AAB", into: &xml)
        for mention in document.legalMentions where !mentions.contains(mention) {
            note(mention, subject: nil, into: &xml)
        }
        xml.close()

        xml.open("rsm:SupplyChainTradeTransaction")
        for (index, line) in document.lines.enumerated() { self.line(line, number: index + 1, into: &xml) }
        agreement(document, into: &xml)
        xml.open("ram:ApplicableHeaderTradeDelivery")
        if let address = document.deliveryAddress {
            xml.open("ram:ShipToTradeParty")
            xml.element("ram:Name", address.name)
            postalAddress(
                street: address.street, postcode: address.postcode, city: address.city, country: address.country,
                into: &xml)
            xml.close()
        }
        xml.close()
        settlement(document, into: &xml)
        xml.close()
        xml.close()
        return xml.text
    }

    static func line(_ line: InvoiceLine, number: Int, into xml: inout XMLText) {
        xml.open("ram:IncludedSupplyChainTradeLineItem")
        xml.open("ram:AssociatedDocumentLineDocument")
        xml.element("ram:LineID", String(number))
        xml.close()
        xml.open("ram:SpecifiedTradeProduct")
        xml.element("ram:SellerAssignedID", line.offerReference)
        xml.element("ram:Name", line.description)
        xml.close()
        // A prorated month is billed in days: the monthly price is the price of the month's days
        // (BT-149), and the quantity the days used times the units, so that quantity × price ÷
        // base quantity is the line's amount, as EN 16931 defines it.
        let prorated = line.kind == .proratedSubscription
        let daysUsed = Int(line.periodEnd.daysSinceEpoch - line.periodStart.daysSinceEpoch) + 1
        xml.open("ram:SpecifiedLineTradeAgreement")
        xml.open("ram:NetPriceProductTradePrice")
        xml.element("ram:ChargeAmount", amount(line.unitPriceCents))
        if prorated {
            xml.element("ram:BasisQuantity", String(line.periodStart.daysInMonth), attributes: [("unitCode", "DAY")])
        }
        xml.close()
        xml.close()
        xml.open("ram:SpecifiedLineTradeDelivery")
        if prorated {
            xml.element("ram:BilledQuantity", String(daysUsed * line.quantity), attributes: [("unitCode", "DAY")])
        } else {
            xml.element("ram:BilledQuantity", String(line.quantity), attributes: [("unitCode", "C62")])
        }
        xml.close()
        xml.open("ram:SpecifiedLineTradeSettlement")
        xml.open("ram:ApplicableTradeTax")
        xml.element("ram:TypeCode", "VAT")
        xml.element("ram:CategoryCode", "S")
        xml.element("ram:RateApplicablePercent", percent(line.vatRateBasisPoints))
        xml.close()
        period(line.periodStart, line.periodEnd, into: &xml)
        xml.open("ram:SpecifiedTradeSettlementLineMonetarySummation")
        xml.element("ram:LineTotalAmount", amount(line.amountCents))
        xml.close()
        xml.close()
        xml.close()
    }

    static func agreement(_ document: BillingDocument, into xml: inout XMLText) {
        xml.open("ram:ApplicableHeaderTradeAgreement")
        xml.element("ram:BuyerReference", document.buyer.reference)
        let seller = document.seller
        party(
            "ram:SellerTradeParty", name: seller.name, siren: seller.siren, street: seller.street,
            postcode: seller.postcode, city: seller.city, country: seller.country, email: seller.email,
            vatNumber: seller.vatNumber, into: &xml)
        let buyer = document.buyer
        party(
            "ram:BuyerTradeParty", name: buyer.name, siren: buyer.siren, street: buyer.street, postcode: buyer.postcode,
            city: buyer.city, country: buyer.country, email: buyer.email, vatNumber: buyer.vatNumber, into: &xml)
        xml.close()
    }

    static func settlement(_ document: BillingDocument, into xml: inout XMLText) {
        let totals = document.totals
        xml.open("ram:ApplicableHeaderTradeSettlement")
        xml.element("ram:PaymentReference", document.number.description)
        xml.element("ram:InvoiceCurrencyCode", "EUR")
        xml.open("ram:SpecifiedTradeSettlementPaymentMeans")
        xml.element("ram:TypeCode", "58")  // SEPA credit transfer
        xml.open("ram:PayeePartyCreditorFinancialAccount")
        xml.element("ram:IBANID", document.seller.iban)
        xml.close()
        xml.close()
        for rate in totals.breakdown {
            xml.open("ram:ApplicableTradeTax")
            xml.element("ram:CalculatedAmount", amount(rate.vatCents))
            xml.element("ram:TypeCode", "VAT")
            xml.element("ram:BasisAmount", amount(rate.baseCents))
            xml.element("ram:CategoryCode", "S")
            // 5: VAT is due at the invoice's date (on debits); 72: when paid (on receipts).
            xml.element("ram:DueDateTypeCode", document.seller.vatOnDebits ? "5" : "72")
            xml.element("ram:RateApplicablePercent", percent(rate.rateBasisPoints))
            xml.close()
        }
        period(document.periodStart, document.periodEnd, into: &xml)
        xml.open("ram:SpecifiedTradePaymentTerms")
        xml.element("ram:Description", "Paiement à \(document.terms.days) jours par virement")
        date("ram:DueDateDateTime", document.dueOn, into: &xml)
        xml.close()
        xml.open("ram:SpecifiedTradeSettlementHeaderMonetarySummation")
        xml.element("ram:LineTotalAmount", amount(totals.excludingVATCents))
        xml.element("ram:TaxBasisTotalAmount", amount(totals.excludingVATCents))
        xml.element("ram:TaxTotalAmount", amount(totals.vatCents), attributes: [("currencyID", "EUR")])
        xml.element("ram:GrandTotalAmount", amount(totals.includingVATCents))
        xml.element("ram:DuePayableAmount", amount(totals.includingVATCents))
        xml.close()
        if let corrected = document.corrects {
            xml.open("ram:InvoiceReferencedDocument")
            xml.element("ram:IssuerAssignedID", corrected.number.description)
            xml.open("ram:FormattedIssueDateTime")
            xml.element("qdt:DateTimeString", compact(corrected.issuedOn), attributes: [("format", "102")])
            xml.close()
            xml.close()
        }
        xml.close()
    }

    static func party(
        _ tag: String, name: String, siren: Siren, street: String, postcode: String, city: String, country: String,
        email: String, vatNumber: String, into xml: inout XMLText
    ) {
        xml.open(tag)
        xml.element("ram:Name", name)
        xml.open("ram:SpecifiedLegalOrganization")
        xml.element("ram:ID", siren.description, attributes: [("schemeID", "0002")])
        xml.close()
        postalAddress(street: street, postcode: postcode, city: city, country: country, into: &xml)
        if !email.isEmpty {
            xml.open("ram:URIUniversalCommunication")
            xml.element("ram:URIID", email, attributes: [("schemeID", "EM")])
            xml.close()
        }
        xml.open("ram:SpecifiedTaxRegistration")
        xml.element("ram:ID", vatNumber, attributes: [("schemeID", "VA")])
        xml.close()
        xml.close()
    }

    static func postalAddress(street: String, postcode: String, city: String, country: String, into xml: inout XMLText) {
        // What is not known is left out, not sent empty; the country is always there.
        xml.open("ram:PostalTradeAddress")
        if !postcode.isEmpty { xml.element("ram:PostcodeCode", postcode) }
        if !street.isEmpty { xml.element("ram:LineOne", street) }
        if !city.isEmpty { xml.element("ram:CityName", city) }
        xml.element("ram:CountryID", country.isEmpty ? "FR" : country)
        xml.close()
    }

    static func note(_ text: String, subject: String?, into xml: inout XMLText) {
        xml.open("ram:IncludedNote")
        xml.element("ram:Content", text)
        if let subject { xml.element("ram:SubjectCode", subject) }
        xml.close()
    }

    static func period(_ start: CivilDate, _ end: CivilDate, into xml: inout XMLText) {
        xml.open("ram:BillingSpecifiedPeriod")
        date("ram:StartDateTime", start, into: &xml)
        date("ram:EndDateTime", end, into: &xml)
        xml.close()
    }

    static func date(_ tag: String, _ day: CivilDate, into xml: inout XMLText) {
        xml.open(tag)
        xml.element("udt:DateTimeString", compact(day), attributes: [("format", "102")])
        xml.close()
    }

    static func compact(_ day: CivilDate) -> String {
        day.description.filter { $0 != "-" }
    }

    /// Cents as « 1234.56 ».
    static func amount(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Basis points as « 20.00 ».
    static func percent(_ basisPoints: Int64) -> String { amount(basisPoints) }
}

/// An XML document written element by element, with text and attributes escaped; indented by
/// two spaces.
struct XMLText {
    private(set) var text = ""
    private var stack: [String] = []

    mutating func raw(_ string: String) { text += string }

    mutating func open(_ tag: String, attributes: [(String, String)] = []) {
        indent()
        text += "<\(tag)\(Self.attributes(attributes))>\n"
        stack.append(tag)
    }

    mutating func close() {
        let tag = stack.removeLast()
        indent()
        text += "</\(tag)>\n"
    }

    mutating func element(_ tag: String, _ value: String, attributes: [(String, String)] = []) {
        indent()
        text += "<\(tag)\(Self.attributes(attributes))>\(Self.escaped(value))</\(tag)>\n"
    }

    private mutating func indent() { text += String(repeating: "  ", count: stack.count) }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escaped($0.1))\"" }.joined()
    }

    static func escaped(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 has no place for other control characters: they are dropped.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
