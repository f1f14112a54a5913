import MyOpenIPDomain
import MyOpenIPStore

/// The billing settings a config file (its `billing` object) or the environment may give; nil
/// leaves the value below. The seller's identity is the operator's, printed on every invoice.
public struct BillingOverrides: Sendable, Hashable, Decodable {
    public var paymentDays: Int?
    public var penaltyRate: String?
    public var discount: String?
    public var sellerName: String?
    public var sellerLegalForm: String?
    public var sellerStreet: String?
    public var sellerPostcode: String?
    public var sellerCity: String?
    public var sellerCountry: String?
    public var sellerSiren: String?
    public var sellerRegistration: String?
    public var sellerEmail: String?
    public var sellerIBAN: String?
    public var sellerBIC: String?
    public var vatOnDebits: Bool?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case paymentDays = "payment_days"
        case penaltyRate = "penalty_rate"
        case discount
        case sellerName = "seller_name"
        case sellerLegalForm = "seller_legal_form"
        case sellerStreet = "seller_street"
        case sellerPostcode = "seller_postcode"
        case sellerCity = "seller_city"
        case sellerCountry = "seller_country"
        case sellerSiren = "seller_siren"
        case sellerRegistration = "seller_registration"
        case sellerEmail = "seller_email"
        case sellerIBAN = "seller_iban"
        case sellerBIC = "seller_bic"
        case vatOnDebits = "vat_on_debits"
    }

    /// `MYOPENIP_PAYMENT_DAYS` and the `MYOPENIP_SELLER_*` variables.
    static func environment(_ environment: [String: String]) throws -> BillingOverrides? {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        var overrides = BillingOverrides()
        if let days = value("MYOPENIP_PAYMENT_DAYS") {
            guard let number = Int(days) else { throw ConfigurationError("MYOPENIP_PAYMENT_DAYS=\(days) is not a number") }
            overrides.paymentDays = number
        }
        overrides.sellerName = value("MYOPENIP_SELLER_NAME")
        overrides.sellerSiren = value("MYOPENIP_SELLER_SIREN")
        overrides.sellerIBAN = value("MYOPENIP_SELLER_IBAN")
        overrides.sellerBIC = value("MYOPENIP_SELLER_BIC")
        overrides.sellerEmail = value("MYOPENIP_SELLER_EMAIL")
        return overrides == BillingOverrides() ? nil : overrides
    }
}

extension BillingSettings {
    /// The placeholders of ``SellerIdentity/placeholder`` and payment at 30 days.
    public static let defaults = BillingSettings(seller: .placeholder, terms: try! PaymentTerms())

    mutating func apply(_ overrides: BillingOverrides) throws {
        do {
            terms = try PaymentTerms(
                days: overrides.paymentDays ?? terms.days, penaltyRate: overrides.penaltyRate ?? terms.penaltyRate,
                discount: overrides.discount ?? terms.discount)
        } catch {
            throw ConfigurationError("billing: \(error.message) (payment_days 0 to \(PaymentTerms.maximumDays))")
        }
        if let text = overrides.sellerSiren {
            do { seller.siren = try Siren(text) } catch {
                throw ConfigurationError("billing: seller_siren \(text): \(error.message)")
            }
        }
        if let iban = overrides.sellerIBAN {
            let compact = iban.filter { !$0.isWhitespace }.uppercased()
            guard (try? Iban(compact)) != nil else { throw ConfigurationError("billing: seller_iban is not a valid IBAN") }
            seller.iban = compact
        }
        func set(_ value: String?, _ path: WritableKeyPath<SellerIdentity, String>, _ name: String) throws {
            guard let value else { return }
            guard !value.isEmpty, value.count <= 200, !value.contains(where: \.isNewline) else {
                throw ConfigurationError("billing: \(name) must be one line of 1 to 200 characters")
            }
            seller[keyPath: path] = value
        }
        try set(overrides.sellerName, \.name, "seller_name")
        try set(overrides.sellerLegalForm, \.legalForm, "seller_legal_form")
        try set(overrides.sellerStreet, \.street, "seller_street")
        try set(overrides.sellerPostcode, \.postcode, "seller_postcode")
        try set(overrides.sellerCity, \.city, "seller_city")
        try set(overrides.sellerCountry, \.country, "seller_country")
        try set(overrides.sellerRegistration, \.registration, "seller_registration")
        try set(overrides.sellerEmail, \.email, "seller_email")
        try set(overrides.sellerBIC, \.bic, "seller_bic")
        if let debits = overrides.vatOnDebits { seller.vatOnDebits = debits }
    }
}
