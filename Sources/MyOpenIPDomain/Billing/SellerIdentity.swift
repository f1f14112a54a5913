/// The operator as its invoices name it: legal identity, address, tax numbers and bank details.
/// The daemon's configuration gives them; the defaults are OpenIP's placeholders, to replace
/// before the first real invoice.
public struct SellerIdentity: Sendable, Hashable {
    public var name: String
    /// « SAS au capital de 100 000 € », as the invoice prints it after the name.
    public var legalForm: String
    public var street: String
    public var postcode: String
    public var city: String
    /// ISO 3166-1 alpha-2.
    public var country: String
    public var siren: Siren
    /// « RCS Paris ».
    public var registration: String
    public var email: String
    public var iban: String
    public var bic: String
    /// Whether VAT is paid on debits (« Option pour le paiement de la taxe d'après les débits »).
    public var vatOnDebits: Bool

    public init(
        name: String, legalForm: String, street: String, postcode: String, city: String, country: String = "FR",
        siren: Siren, registration: String, email: String, iban: String, bic: String, vatOnDebits: Bool = true
    ) {
        self.name = name
        self.legalForm = legalForm
        self.street = street
        self.postcode = postcode
        self.city = city
        self.country = country
        self.siren = siren
        self.registration = registration
        self.email = email
        self.iban = iban
        self.bic = bic
        self.vatOnDebits = vatOnDebits
    }

    /// The intra-community VAT number derived from the SIREN.
    public var vatNumber: String { siren.vatNumber }

    public static let placeholder = SellerIdentity(
        name: "OpenIP", legalForm: "SAS au capital de 100 000 €", street: "1 rue de la Facturation",
        postcode: "75002", city: "Paris", siren: try! Siren("443061841"), registration: "RCS Paris",
        email: "facturation@openip.fr", iban: "FR7630006000011234567890189", bic: "BNPAFRPP")
}
