import Foundation
import MyOpenIPClient
import Testing

/// The rules that tie sites to the rest: real countries, complete payment details, the head
/// office's name, and the rights given for a site.
@Suite("Site rules")
struct SiteRulesTests {
    static func fields(_ name: String, country: String = "FR") -> Myopenip_V1_SiteFields {
        var fields = Myopenip_V1_SiteFields()
        fields.name = name
        fields.address.street = "1 place de la République"
        fields.address.postcode = country == "FR" ? "75003" : "1000"
        fields.address.city = "Paris"
        fields.address.country = country
        return fields
    }

    @Test("countries are ISO 3166 codes; payment details say which part is missing")
    func addressAndPayment() async throws {
        try await withTestDaemon { daemon async throws in
            try await daemon.ensureCompany("OIP-00000002", kind: .client)
            let admin = daemon.operatorClient()
            for code in ["XX", "ZZ", "F1", "FRA"] {
                let error = await rpcError {
                    try await admin.sites.create(
                        companyReference: "OIP-00000002", fields: Self.fields("Site \(code)", country: code))
                }
                #expect(error?.code == .invalidArgument, "\(code)")
                #expect(error?.reason == "COUNTRY_INVALID", "\(code)")
                #expect(error?.field == "address.country", "\(code)")
            }
            let brussels = try await admin.sites.create(
                companyReference: "OIP-00000002", fields: Self.fields("Bruxelles", country: "be"))
            #expect(brussels.fields.address.country == "BE")

            var noBic = Self.fields("Sans BIC")
            noBic.payment.iban = "FR76 3000 6000 0112 3456 7890 189"
            noBic.payment.holder = "Ma Société"
            let bic = await rpcError { try await admin.sites.create(companyReference: "OIP-00000002", fields: noBic) }
            #expect(bic?.message == "Le BIC est obligatoire avec l'IBAN")
            #expect(bic?.field == "payment.bic")
            var noIban = Self.fields("Sans IBAN")
            noIban.payment.bic = "BNPAFRPP"
            let iban = await rpcError { try await admin.sites.create(companyReference: "OIP-00000002", fields: noIban) }
            #expect(iban?.reason == "IBAN_REQUIRED")
            #expect(iban?.field == "payment.iban")
            await admin.close()
        }
    }

    @Test("the head office keeps its name; a right is for one of the company's sites, and follows it")
    func headOfficeAndRights() async throws {
        try await withTestDaemon { daemon async throws in
            try await daemon.ensureCompany("OIP-00000002", kind: .client)
            try await daemon.ensureCompany("OIP-00000003", kind: .client)
            let admin = daemon.operatorClient()
            let headOffice = try #require(try await admin.sites.list(companyReference: "OIP-00000002").first { $0.headOffice })
            var renamed = headOffice.fields
            renamed.address = Self.fields("").address
            renamed.name = "Bureau"
            let rename = await rpcError {
                try await admin.sites.update(id: headOffice.id, fields: renamed, paths: ["name", "address"])
            }
            #expect(rename?.code == .failedPrecondition)
            #expect(rename?.message == "Le siège social garde le nom « Siège Social »")
            #expect(rename?.field == "name")
            // Its other fields change as any site's.
            renamed.name = headOffice.fields.name
            renamed.phone = "01 47 56 00 00"
            #expect(
                try await admin.sites.update(id: headOffice.id, fields: renamed, paths: ["name", "phone", "address"]).fields.phone
                    != "")

            let paris = try await admin.sites.create(companyReference: "OIP-00000002", fields: Self.fields("Site de Paris"))
            _ = try await admin.sites.create(companyReference: "OIP-00000003", fields: Self.fields("Site de Lyon"))
            for site in ["Site de Lyon", "Nulle part"] {
                let error = await rpcError {
                    try await admin.rights.create(
                        companyReference: "OIP-00000002", name: "Droit \(site)", site: site, templates: ["company_view"])
                }
                #expect(error?.code == .notFound, "\(site)")
                #expect(error?.reason == "RIGHT_SITE_NOT_FOUND", "\(site)")
                #expect(error?.field == "site", "\(site)")
            }
            let right = try await admin.rights.create(
                companyReference: "OIP-00000002", name: "Paris", site: "site de PARIS", templates: ["company_view"])
            #expect(right.site == "Site de Paris")
            let moved = await rpcError { try await admin.rights.update(id: right.id, site: "Site de Lyon") }
            #expect(moved?.reason == "RIGHT_SITE_NOT_FOUND")

            // Renamed, the site keeps its rights; deleting it is refused while a right is for it.
            var newName = paris.fields
            newName.name = "Paris Bastille"
            _ = try await admin.sites.update(id: paris.id, fields: newName, paths: ["name"])
            #expect(try await admin.rights.get(id: right.id).site == "Paris Bastille")
            let used = await rpcError { try await admin.sites.delete(id: paris.id) }
            #expect(used?.code == .failedPrecondition)
            #expect(used?.reason == "SITE_USED_BY_RIGHT")
            #expect(used?.message.contains("« Paris »") == true)
            _ = try await admin.rights.update(id: right.id, site: "")
            try await admin.sites.delete(id: paris.id)
            await admin.close()
        }
    }
}
