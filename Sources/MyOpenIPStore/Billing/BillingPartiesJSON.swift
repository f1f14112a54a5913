import Foundation
import MyOpenIPDomain

/// The seller, the buyer, the delivery address and the payment terms of a document as it was
/// issued, stored with it: a company that moves later, or a seller whose settings change, leaves
/// its issued documents as they were.
enum BillingPartiesJSON {
    struct Stored: Codable {
        struct Seller: Codable {
            var name, legalForm, street, postcode, city, country, siren, registration, email, iban, bic: String
            var vatOnDebits: Bool
        }
        struct Buyer: Codable {
            var name, reference, siren, street, postcode, city, country, email: String
        }
        struct Delivery: Codable {
            var name, street, postcode, city, country: String
        }
        struct Terms: Codable {
            var days: Int
            var penaltyRate, discount: String
        }
        var seller: Seller
        var buyer: Buyer
        var delivery: Delivery?
        var terms: Terms
    }

    static func encode(
        seller: SellerIdentity, buyer: BillingParty, delivery: DeliveryAddress?, terms: PaymentTerms
    ) -> String {
        StoredJSON.encode(
            Stored(
                seller: .init(
                    name: seller.name, legalForm: seller.legalForm, street: seller.street, postcode: seller.postcode,
                    city: seller.city, country: seller.country, siren: seller.siren.description,
                    registration: seller.registration, email: seller.email, iban: seller.iban, bic: seller.bic,
                    vatOnDebits: seller.vatOnDebits),
                buyer: .init(
                    name: buyer.name, reference: buyer.reference, siren: buyer.siren.description, street: buyer.street,
                    postcode: buyer.postcode, city: buyer.city, country: buyer.country, email: buyer.email),
                delivery: delivery.map {
                    .init(name: $0.name, street: $0.street, postcode: $0.postcode, city: $0.city, country: $0.country)
                },
                terms: .init(days: terms.days, penaltyRate: terms.penaltyRate, discount: terms.discount)))
    }

    static func decode(_ text: String, id: Int64) throws -> (SellerIdentity, BillingParty, DeliveryAddress?, PaymentTerms) {
        do {
            let stored = try StoredJSON.decode(Stored.self, from: text)
            let seller = SellerIdentity(
                name: stored.seller.name, legalForm: stored.seller.legalForm, street: stored.seller.street,
                postcode: stored.seller.postcode, city: stored.seller.city, country: stored.seller.country,
                siren: try Siren(stored.seller.siren), registration: stored.seller.registration,
                email: stored.seller.email, iban: stored.seller.iban, bic: stored.seller.bic,
                vatOnDebits: stored.seller.vatOnDebits)
            let buyer = BillingParty(
                name: stored.buyer.name, reference: stored.buyer.reference, siren: try Siren(stored.buyer.siren),
                street: stored.buyer.street, postcode: stored.buyer.postcode, city: stored.buyer.city,
                country: stored.buyer.country, email: stored.buyer.email)
            let delivery = stored.delivery.map {
                DeliveryAddress(name: $0.name, street: $0.street, postcode: $0.postcode, city: $0.city, country: $0.country)
            }
            let terms = try PaymentTerms(
                days: stored.terms.days, penaltyRate: stored.terms.penaltyRate, discount: stored.terms.discount)
            return (seller, buyer, delivery, terms)
        } catch {
            throw StoreError.corruptRow(table: "invoice", id: id)
        }
    }
}
