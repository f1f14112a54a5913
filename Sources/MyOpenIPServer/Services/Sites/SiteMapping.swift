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

extension SiteDraft {
    /// The site's fields as a request gives them.
    var proto: Myopenip_V1_SiteFields {
        var fields = Myopenip_V1_SiteFields()
        fields.name = name
        fields.address = address.proto
        fields.phone = phone?.description ?? ""
        fields.openingHours = openingHours
        if let payment {
            fields.payment.iban = payment.iban.description
            fields.payment.bic = payment.bic.description
            fields.payment.holder = payment.holder
        }
        return fields
    }

    /// The fields of a site `UpdateSite` may change, as update_mask paths.
    static let updatablePaths: Set<String> = [
        "name", "address", "address.street", "address.complement", "address.postcode", "address.city", "address.country",
        "phone", "opening_hours", "payment",
    ]

    /// This site with the fields named in `paths` taken from `fields`, checked as a new site is.
    func updating(_ paths: Set<String>, from fields: Myopenip_V1_SiteFields) throws(DomainViolation) -> SiteDraft {
        var merged = proto
        for path in paths {
            switch path {
            case "name": merged.name = fields.name
            case "address": merged.address = fields.address
            case "address.street": merged.address.street = fields.address.street
            case "address.complement": merged.address.complement = fields.address.complement
            case "address.postcode": merged.address.postcode = fields.address.postcode
            case "address.city": merged.address.city = fields.address.city
            case "address.country": merged.address.country = fields.address.country
            case "phone": merged.phone = fields.phone
            case "opening_hours": merged.openingHours = fields.openingHours
            case "payment": merged.payment = fields.payment
            default: break
            }
        }
        return try SiteDraft.checked(merged)
    }
}

extension ContactDraft {
    /// The fields of a contact `UpdateContact` may change, as update_mask paths.
    static let updatablePaths: Set<String> = ["last_name", "first_name", "email", "phone", "role", "site_id"]

    /// This contact (at `siteID`) with the fields named in `paths` taken from `fields`, checked as
    /// a new contact is.
    func updating(
        _ paths: Set<String>, siteID: Int64?, from fields: Myopenip_V1_ContactFields
    ) throws(DomainViolation) -> (ContactDraft, Int64?) {
        var merged = Myopenip_V1_ContactFields()
        merged.lastName = paths.contains("last_name") ? fields.lastName : lastName
        merged.firstName = paths.contains("first_name") ? fields.firstName : firstName
        merged.email = paths.contains("email") ? fields.email : email?.description ?? ""
        merged.phone = paths.contains("phone") ? fields.phone : phone?.description ?? ""
        merged.role = paths.contains("role") ? fields.role : role
        let site = paths.contains("site_id") ? (fields.siteID == 0 ? nil : fields.siteID) : siteID
        return (try ContactDraft.checked(merged), site)
    }
}

extension Myopenip_V1_Site {
    init(_ record: SiteRecord) {
        self.init()
        id = record.id
        companyReference = record.companyReference
        headOffice = record.isHeadOffice
        fields = record.site.proto
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
