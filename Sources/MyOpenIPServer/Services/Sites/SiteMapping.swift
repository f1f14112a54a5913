import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPStore
import SwiftProtobuf

extension PostalAddress {
    static func checked(_ address: Myopenip_V1_PostalAddress) throws(DomainViolation) -> PostalAddress {
        try PostalAddress.checked(
            street: address.street, complement: address.complement, postcode: address.postcode, city: address.city,
            country: address.country)
    }

    var proto: Myopenip_V1_PostalAddress {
        var address = Myopenip_V1_PostalAddress()
        address.street = street
        address.complement = complement
        address.postcode = postcode
        address.city = city
        address.country = country
        return address
    }
}

extension SiteDraft {
    static func checked(_ fields: Myopenip_V1_SiteFields) throws(DomainViolation) -> SiteDraft {
        let payment = try PaymentDetails.checked(
            iban: fields.payment.iban, bic: fields.payment.bic, holder: fields.payment.holder)
        return try SiteDraft.checked(
            name: fields.name, address: try PostalAddress.checked(fields.address), phone: fields.phone,
            openingHours: fields.openingHours, payment: payment)
    }
}

extension ContactDraft {
    static func checked(_ fields: Myopenip_V1_ContactFields) throws(DomainViolation) -> ContactDraft {
        try ContactDraft.checked(
            lastName: fields.lastName, firstName: fields.firstName, email: fields.email, phone: fields.phone, role: fields.role)
    }
}

extension Myopenip_V1_Site {
    init(_ record: SiteRecord) {
        self.init()
        id = record.id
        companyReference = record.companyReference
        headOffice = record.isHeadOffice
        fields.name = record.site.name
        fields.address = record.site.address.proto
        fields.phone = record.site.phone?.description ?? ""
        fields.openingHours = record.site.openingHours
        if let payment = record.site.payment {
            fields.payment.iban = payment.iban.description
            fields.payment.bic = payment.bic.description
            fields.payment.holder = payment.holder
        }
        createdAt = Google_Protobuf_Timestamp(record.createdAt)
        updatedAt = Google_Protobuf_Timestamp(record.updatedAt)
    }
}

extension Myopenip_V1_Contact {
    init(_ record: ContactRecord) {
        self.init()
        id = record.id
        companyReference = record.companyReference
        fields.lastName = record.contact.lastName
        fields.firstName = record.contact.firstName
        fields.email = record.contact.email?.description ?? ""
        fields.phone = record.contact.phone?.description ?? ""
        fields.role = record.contact.role
        fields.siteID = record.siteID ?? 0
        siteName = record.siteName ?? ""
        complete = record.contact.isComplete
        createdAt = Google_Protobuf_Timestamp(record.createdAt)
        updatedAt = Google_Protobuf_Timestamp(record.updatedAt)
    }
}
