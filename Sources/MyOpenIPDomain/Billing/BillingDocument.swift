/// The client as a billing document names it.
public struct BillingParty: Sendable, Hashable {
    public var name: String
    /// « OIP-00000002 »: the client account, printed and given to the buyer's reference.
    public var reference: String
    public var siren: Siren
    public var street: String
    public var postcode: String
    public var city: String
    /// ISO 3166-1 alpha-2.
    public var country: String
    /// Where documents are sent (the company's administrative or sales mail).
    public var email: String

    public init(
        name: String, reference: String, siren: Siren, street: String, postcode: String, city: String,
        country: String = "FR", email: String
    ) {
        self.name = name
        self.reference = reference
        self.siren = siren
        self.street = street
        self.postcode = postcode
        self.city = city
        self.country = country
        self.email = email
    }

    public var vatNumber: String { siren.vatNumber }
}

/// A postal address where services are delivered, when it differs from the billing address.
public struct DeliveryAddress: Sendable, Hashable {
    public var name: String
    public var street: String
    public var postcode: String
    public var city: String
    public var country: String

    public init(name: String, street: String, postcode: String, city: String, country: String = "FR") {
        self.name = name
        self.street = street
        self.postcode = postcode
        self.city = city
        self.country = country
    }
}

/// An issued invoice or credit note, whole: what its PDF prints and its Factur-X XML says.
public struct BillingDocument: Sendable, Hashable {
    /// The invoice a credit note corrects.
    public struct Reference: Sendable, Hashable {
        public var number: DocumentNumber
        public var issuedOn: CivilDate

        public init(number: DocumentNumber, issuedOn: CivilDate) {
            self.number = number
            self.issuedOn = issuedOn
        }
    }

    public var number: DocumentNumber
    public var issuedOn: CivilDate
    public var dueOn: CivilDate
    /// The period billed: the earliest and the latest day of the lines.
    public var periodStart: CivilDate
    public var periodEnd: CivilDate
    public var seller: SellerIdentity
    public var buyer: BillingParty
    public var deliveryAddress: DeliveryAddress?
    public var lines: [InvoiceLine]
    public var terms: PaymentTerms
    public var corrects: Reference?

    public init(
        number: DocumentNumber, issuedOn: CivilDate, dueOn: CivilDate, seller: SellerIdentity, buyer: BillingParty,
        deliveryAddress: DeliveryAddress? = nil, lines: [InvoiceLine], terms: PaymentTerms, corrects: Reference? = nil
    ) {
        precondition(!lines.isEmpty, "a billing document has lines")
        self.number = number
        self.issuedOn = issuedOn
        self.dueOn = dueOn
        self.seller = seller
        self.buyer = buyer
        self.deliveryAddress = deliveryAddress
        self.lines = lines
        self.terms = terms
        self.corrects = corrects
        periodStart = lines.map(\.periodStart).min()!
        periodEnd = lines.map(\.periodEnd).max()!
    }

    public var totals: InvoiceTotals { InvoiceTotals(lines: lines) }

    /// The mentions French law asks on the document (CGI annexe II art. 242 nonies A, Code de
    /// commerce L441-9), besides the parties, numbers, dates, lines and totals.
    public var legalMentions: [String] {
        var mentions = ["Catégorie de l'opération : prestations de services"]
        if seller.vatOnDebits { mentions.append("Option pour le paiement de la taxe d'après les débits") }
        mentions.append("Date d'échéance : \(dueOn.french)")
        mentions += terms.mentions
        if let corrects {
            mentions.append("Avoir sur la facture n° \(corrects.number) du \(corrects.issuedOn.french)")
        }
        return mentions
    }
}
