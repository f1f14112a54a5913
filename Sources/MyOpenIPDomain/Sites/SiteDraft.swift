import Foundation

/// A postal address; French postcodes have 5 digits.
public struct PostalAddress: Sendable, Hashable {
    public var street: String
    public var complement: String
    public var postcode: String
    public var city: String
    /// ISO 3166 alpha-2, `FR` by default.
    public var country: String

    public init(street: String, complement: String = "", postcode: String, city: String, country: String = "FR") {
        self.street = street
        self.complement = complement
        self.postcode = postcode
        self.city = city
        self.country = country
    }

    /// Checks an address; every field of it is required but the complement.
    public static func checked(
        street: String, complement: String, postcode: String, city: String, country: String
    ) throws(DomainViolation) -> PostalAddress {
        func required(_ value: String, _ field: String, _ message: String) throws(DomainViolation) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= 200 else {
                throw DomainViolation(reason: "ADDRESS_INCOMPLETE", message: message, field: "address." + field)
            }
            return trimmed
        }
        let street = try required(street, "street", "L'adresse (voie) est obligatoire")
        let postcode = try required(postcode, "postcode", "Le code postal est obligatoire")
        let city = try required(city, "city", "La ville est obligatoire")
        let code = try CountryCode.checked(country)
        if code == "FR", !(postcode.count == 5 && postcode.allSatisfy({ $0.isASCII && $0.isNumber })) {
            throw DomainViolation(
                reason: "POSTCODE_INVALID", message: "Le code postal doit comporter 5 chiffres", field: "address.postcode")
        }
        return PostalAddress(
            street: street, complement: String(complement.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)),
            postcode: postcode, city: city, country: code)
    }
}

/// Where and how a site pays: IBAN, BIC and account holder, all three or none.
public struct PaymentDetails: Sendable, Hashable {
    public var iban: Iban
    public var bic: Bic
    public var holder: String

    public init(iban: Iban, bic: Bic, holder: String) {
        self.iban = iban
        self.bic = bic
        self.holder = holder
    }

    /// Nil when the three fields are empty; every one is required when one is given.
    public static func checked(iban: String, bic: String, holder: String) throws(DomainViolation) -> PaymentDetails? {
        let holder = holder.trimmingCharacters(in: .whitespacesAndNewlines)
        if iban.allSatisfy(\.isWhitespace), bic.allSatisfy(\.isWhitespace), holder.isEmpty { return nil }
        // One of the three missing: say which, not that it is invalid.
        if iban.allSatisfy(\.isWhitespace) {
            throw DomainViolation(
                reason: "IBAN_REQUIRED", message: "L'IBAN est obligatoire avec le BIC et le titulaire du compte",
                field: "payment.iban")
        }
        if bic.allSatisfy(\.isWhitespace) {
            throw DomainViolation(
                reason: "BIC_REQUIRED", message: "Le BIC est obligatoire avec l'IBAN", field: "payment.bic")
        }
        let checkedIban = try Iban(iban)
        let checkedBic = try Bic(bic)
        guard !holder.isEmpty, holder.count <= 100 else {
            throw DomainViolation(
                reason: "ACCOUNT_HOLDER_REQUIRED", message: "Le titulaire du compte est obligatoire", field: "payment.holder")
        }
        return PaymentDetails(iban: checkedIban, bic: checkedBic, holder: holder)
    }
}

/// The checked content of a site: a name, an address, a phone, opening hours, payment details.
public struct SiteDraft: Sendable, Hashable {
    /// The name of the site every company has from its creation.
    public static let headOfficeName = "Siège Social"

    public var name: String
    public var address: PostalAddress
    public var phone: PhoneNumber?
    public var openingHours: String
    public var payment: PaymentDetails?

    public init(
        name: String, address: PostalAddress, phone: PhoneNumber? = nil, openingHours: String = "", payment: PaymentDetails? = nil
    ) {
        self.name = name
        self.address = address
        self.phone = phone
        self.openingHours = openingHours
        self.payment = payment
    }

    public static func checked(
        name: String, address: PostalAddress, phone: String, openingHours: String, payment: PaymentDetails?
    ) throws(DomainViolation) -> SiteDraft {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100, !name.contains(where: \.isNewline) else {
            throw DomainViolation(
                reason: "SITE_NAME_INVALID", message: "Le nom du site est obligatoire (100 caractères au plus)", field: "name")
        }
        let phone = phone.allSatisfy(\.isWhitespace) ? nil : try PhoneNumber(phone)
        guard openingHours.count <= 500 else {
            throw DomainViolation(
                reason: "OPENING_HOURS_TOO_LONG", message: "Les horaires d'ouverture ne doivent pas dépasser 500 caractères",
                field: "opening_hours")
        }
        return SiteDraft(name: name, address: address, phone: phone, openingHours: openingHours, payment: payment)
    }
}
