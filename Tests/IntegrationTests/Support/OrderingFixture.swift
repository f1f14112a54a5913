import Foundation
import MyOpenIPClient
import Testing

/// The world of the ordering tests: a partner (OIP-00000001) and its client « Ma Société »
/// (OIP-00000002), a direct client (OIP-00000003); terms of use and CGV in force; two
/// offerings (a fibre access that needs an intervention and a delivery, a cloud PBX that needs
/// neither); an administrator of the client and one of the partner; a complete contact of the
/// client (Smith) and an incomplete one of the partner (Olivier).
struct OrderingFixture {
    static let partner = "OIP-00000001"
    static let client = "OIP-00000002"
    static let otherClient = "OIP-00000003"

    let cgvVersion: Int64
    let headOffice: Int64
    let clichy: Int64
    let smith: Int64
    let olivier: Int64
    let clientLogin: String
    let partnerLogin: String

    static func prepare(_ daemon: TestDaemon) async throws -> OrderingFixture {
        let admin = daemon.operatorClient()
        defer { Task { await admin.close() } }
        for (index, kind, name, partner) in [
            (1, Myopenip_V1_CompanyKind.partner, "Réseau Partenaire", ""), (2, .client, "Ma Société", partner),
            (3, .client, "Autre Client", ""),
        ] {
            var request = Myopenip_V1_CreateCompanyRequest()
            request.kind = kind
            request.name = name
            request.siren = testSiren(index)
            request.legalStatus = "SAS"
            request.partnerReference = partner
            _ = try await admin.companies.create(request)
        }
        try await daemon.publishTerms()
        let cgv = try await admin.terms.publish(
            title: "Conditions générales de vente", text: "Article 1 – Objet…", effectiveAt: "2017-02-15",
            document: .salesConditions)
        try await admin.catalogue.create(Self.fibre)
        try await admin.catalogue.create(Self.cloudPBX)

        let headOffice = try #require(try await admin.sites.list(companyReference: client).first).id
        var site = Myopenip_V1_SiteFields()
        site.name = "Agence Clichy"
        site.address.street = "12 rue Martre"
        site.address.postcode = "92110"
        site.address.city = "Clichy"
        site.address.country = "FR"
        let clichy = try await admin.sites.create(companyReference: client, fields: site).id

        var smith = Myopenip_V1_ContactFields()
        smith.lastName = "Smith"
        smith.firstName = "John"
        smith.email = "john.smith@ma-societe.fr"
        smith.phone = "06 01 02 03 04"
        smith.role = "DSI"
        let smithID = try await admin.contacts.create(companyReference: client, fields: smith).id
        var olivier = Myopenip_V1_ContactFields()
        olivier.lastName = "Olivier"
        olivier.email = "olivier@reseau-partenaire.fr"
        olivier.role = "Chef de projet"
        let olivierID = try await admin.contacts.create(companyReference: partner, fields: olivier).id

        let administrator = try #require(try await admin.rights.templates().mainRights.first { $0.main == "administrator" }).id
        let clientLogin = try await daemon.createActiveUser(company: client)
        try await admin.rights.setUserRights(login: clientLogin, rightIDs: [administrator])
        let partnerLogin = try await daemon.createActiveUser(kind: .partnerUser, company: partner)
        try await admin.rights.setUserRights(login: partnerLogin, rightIDs: [administrator])
        return OrderingFixture(
            cgvVersion: cgv.version, headOffice: headOffice, clichy: clichy, smith: smithID, olivier: olivierID,
            clientLogin: clientLogin, partnerLogin: partnerLogin)
    }

    static var fibre: Myopenip_V1_OfferingFields {
        var fields = Myopenip_V1_OfferingFields()
        fields.code = "FIBRE-ENTREPRISE"
        fields.name = "FIBRE OPTIQUE ENTREPRISE"
        fields.category = .internetAccess
        fields.oneTimePriceCents = 99_000
        fields.monthlyPriceCents = 39_900
        fields.commitmentMonths = 36
        fields.terminationFeeCents = 50_000
        fields.needsOnSiteIntervention = true
        fields.needsEquipmentDelivery = true
        var bandwidth = Myopenip_V1_Characteristic()
        bandwidth.name = "bandwidth_mbps"
        bandwidth.label = "Débit garanti (Mbit/s)"
        bandwidth.type = .choice
        bandwidth.required = true
        bandwidth.allowedValues = ["100", "500", "1000"]
        var addresses = Myopenip_V1_Characteristic()
        addresses.name = "ip_addresses"
        addresses.label = "Adresses IP fixes"
        addresses.type = .number
        addresses.range.minimum = 1
        addresses.range.maximum = 64
        fields.form = [bandwidth, addresses]
        return fields
    }

    static var cloudPBX: Myopenip_V1_OfferingFields {
        var fields = Myopenip_V1_OfferingFields()
        fields.code = "MYCLOUD3CX"
        fields.name = "MyCloud3CX"
        fields.category = .unifiedCommunications
        fields.oneTimePriceCents = 15_000
        fields.monthlyPriceCents = 1_490
        fields.commitmentMonths = 12
        var users = Myopenip_V1_Characteristic()
        users.name = "users"
        users.label = "Nombre d'utilisateurs"
        users.type = .number
        users.required = true
        users.range.minimum = 1
        users.range.maximum = 500
        fields.form = [users]
        return fields
    }

    /// A voice trunk: 90 € a month, 150 € to terminate, 24 months of commitment.
    static var trunkSIP: Myopenip_V1_OfferingFields {
        var fields = Myopenip_V1_OfferingFields()
        fields.code = "TRUNK-SIP"
        fields.name = "TRUNK SIP"
        fields.category = .ipTelephony
        fields.oneTimePriceCents = 15_000
        fields.monthlyPriceCents = 9_000
        fields.commitmentMonths = 24
        fields.noticeMonths = 1
        fields.terminationFeeCents = 15_000
        var channels = Myopenip_V1_Characteristic()
        channels.name = "channels"
        channels.label = "Nombre de canaux simultanés"
        channels.type = .number
        channels.required = true
        channels.range.minimum = 2
        channels.range.maximum = 120
        fields.form = [channels]
        return fields
    }

    /// « Ajout de canaux SIP sur un Trunk SIP existant »: 15 € a month, 12 months.
    static var sipChannels: Myopenip_V1_OfferingFields {
        var fields = Myopenip_V1_OfferingFields()
        fields.code = "TRUNK-SIP-CANAUX"
        fields.name = "Ajout de canaux SIP sur un Trunk SIP existant"
        fields.category = .ipTelephony
        fields.monthlyPriceCents = 1_500
        fields.commitmentMonths = 12
        fields.noticeMonths = 1
        fields.upgradeOf = "TRUNK-SIP"
        var added = Myopenip_V1_Characteristic()
        added.name = "added_channels"
        added.label = "Canaux ajoutés"
        added.type = .number
        added.required = true
        added.range.minimum = 1
        added.range.maximum = 60
        fields.form = [added]
        return fields
    }

    /// Listen, a contact for this quote only.
    static var listen: Myopenip_V1_AdHocContact {
        var person = Myopenip_V1_AdHocContact()
        person.lastName = "Listen"
        person.email = "listen@ma-societe.fr"
        person.phone = "06 11 22 33 44"
        person.role = "Achats"
        return person
    }

    /// A session of the client's administrator, the terms accepted.
    func clientUser(_ daemon: TestDaemon) async throws -> MyOpenIPClient {
        let user = try await daemon.loggedIn(clientLogin)
        try await user.terms.accept(version: 1)
        return user
    }

    func partnerUser(_ daemon: TestDaemon) async throws -> MyOpenIPClient {
        let user = try await daemon.loggedIn(partnerLogin)
        try await user.terms.accept(version: 1)
        return user
    }

    /// A quote of « Ma Société » by `user` with the fibre at the head office and the cloud PBX at
    /// Clichy, Smith on site and for the delivery, Listen for the follow-up: ready to order.
    func fullQuote(by user: MyOpenIPClient) async throws -> Myopenip_V1_Quote {
        let quote = try await user.quotes.create(companyReference: Self.client)
        try await user.quotes.addItem(
            quoteID: quote.id, offeringCode: "FIBRE-ENTREPRISE", siteID: headOffice,
            form: ["bandwidth_mbps": "500", "ip_addresses": "8"])
        try await user.quotes.addItem(
            quoteID: quote.id, offeringCode: "MYCLOUD3CX", siteID: clichy, quantity: 2, form: ["users": "25"])
        try await user.quotes.addContact(
            quoteID: quote.id, directoryContactID: smith, functions: [.onSiteIntervention, .equipmentDelivery])
        return try await user.quotes.addContact(quoteID: quote.id, adHoc: Self.listen, functions: [.orderFollowUp])
    }

    /// A quote of « Ma Société » by `user` with one product (by default the trunk at Clichy) or
    /// one upgrade, Listen for the follow-up: ready to order.
    func singleQuote(
        by user: MyOpenIPClient, offering: String = "TRUNK-SIP", form: [String: String] = ["channels": "10"],
        upgrading: String = ""
    ) async throws -> Myopenip_V1_Quote {
        let quote = try await user.quotes.create(companyReference: Self.client)
        try await user.quotes.addItem(
            quoteID: quote.id, offeringCode: offering, siteID: upgrading.isEmpty ? clichy : 0, form: form,
            upgrading: upgrading)
        return try await user.quotes.addContact(quoteID: quote.id, adHoc: Self.listen, functions: [.orderFollowUp])
    }
}
