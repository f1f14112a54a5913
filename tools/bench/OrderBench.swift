import ArgumentParser
import Foundation
import MyOpenIPClient
import MyOpenIPDomain

/// What the ordering benchmarks need: a client company with two sites, two offerings (one that
/// needs an intervention and a delivery), the terms and CGV in force, and an administrator of
/// the client whose session orders.
enum OrderBench {
    /// Prepares the world through the operator's socket and returns the client user's fixture.
    static func prepare(socketPath: String) async throws -> BenchFixture {
        let admin = MyOpenIPClient(unixSocketPath: socketPath)
        defer { Task { await admin.close() } }
        var company = Myopenip_V1_CreateCompanyRequest()
        company.kind = .client
        company.name = "Ma Société"
        company.siren = Siren.completing("20000001")!.description
        company.legalStatus = "SAS"
        let reference = try await admin.companies.create(company).reference
        let headOffice = try await admin.sites.list(companyReference: reference)[0].id
        let site = try await admin.sites.create(companyReference: reference, fields: BenchCall.siteFields)
        _ = try await admin.terms.publish(title: "Conditions d'utilisation", text: "CU", effectiveAt: "2017-02-15")
        let cgv = try await admin.terms.publish(
            title: "Conditions générales de vente", text: "CGV", effectiveAt: "2017-02-15", document: .salesConditions)
        for (code, name, needs) in [("FIBRE-ENTREPRISE", "FIBRE OPTIQUE ENTREPRISE", true), ("MYCLOUD3CX", "MyCloud3CX", false)] {
            var fields = Myopenip_V1_OfferingFields()
            fields.code = code
            fields.name = name
            fields.category = needs ? .internetAccess : .unifiedCommunications
            fields.oneTimePriceCents = 99_000
            fields.monthlyPriceCents = 39_900
            fields.commitmentMonths = 36
            fields.needsOnSiteIntervention = needs
            fields.needsEquipmentDelivery = needs
            var bandwidth = Myopenip_V1_Characteristic()
            bandwidth.name = "bandwidth_mbps"
            bandwidth.label = "Débit (Mbit/s)"
            bandwidth.type = .choice
            bandwidth.required = true
            bandwidth.allowedValues = ["100", "1000"]
            fields.form = [bandwidth]
            try await admin.catalogue.create(fields)
        }
        var contact = Myopenip_V1_ContactFields()
        contact.lastName = "Smith"
        contact.email = "smith@ma-societe.fr"
        contact.phone = "0601020304"
        contact.role = "DSI"
        let smith = try await admin.contacts.create(companyReference: reference, fields: contact).id

        let account = try await admin.identity.createAccount(
            displayName: "Client", email: "client@ma-societe.fr", kind: .clientUser, companyReference: reference)
        let administrator = try await admin.rights.templates().mainRights.first { $0.main == "administrator" }!.id
        try await admin.rights.setUserRights(login: account.login, rightIDs: [administrator])
        let mail = try await admin.mail.list(accountLogin: account.login).mails.first
        guard let body = mail?.body, let range = body.range(of: "token=") else {
            throw ValidationError("the initialisation mail of \(account.login) has no link")
        }
        let token = String(body[range.upperBound...].prefix { !$0.isWhitespace })
        _ = try await admin.identity.setPassword(token: token, password: BenchCall.password, confirmation: BenchCall.password)
        let user = MyOpenIPClient(unixSocketPath: socketPath)
        try await user.identity.login(identifier: account.login, password: BenchCall.password)
        try await user.terms.accept(version: 1)
        await user.close()
        return BenchFixture(
            login: account.login, siteID: site.id, companyReference: reference,
            order: OrderFixture(headOffice: headOffice, contactID: smith, cgvVersion: cgv.version))
    }

    /// A round of the order benchmark: a quote of two products with its contacts, then its
    /// order placed with an idempotency key (six calls). With `items` more, more products of
    /// the second offering (to seed the contracted-offer list).
    static func placeOrder(on client: MyOpenIPClient, fixture: BenchFixture, extraItems: Int = 0) async throws {
        guard let order = fixture.order else { return }
        let quote = try await client.quotes.create(companyReference: fixture.companyReference)
        try await client.quotes.addItem(
            quoteID: quote.id, offeringCode: "FIBRE-ENTREPRISE", siteID: order.headOffice, form: ["bandwidth_mbps": "1000"])
        for _ in 0...extraItems {
            try await client.quotes.addItem(
                quoteID: quote.id, offeringCode: "MYCLOUD3CX", siteID: fixture.siteID, form: ["bandwidth_mbps": "100"])
        }
        try await client.quotes.addContact(
            quoteID: quote.id, directoryContactID: order.contactID, functions: [.onSiteIntervention, .equipmentDelivery])
        var listen = Myopenip_V1_AdHocContact()
        listen.lastName = "Listen"
        listen.email = "listen@ma-societe.fr"
        listen.phone = "0611223344"
        listen.role = "Achats"
        try await client.quotes.addContact(quoteID: quote.id, adHoc: listen, functions: [.orderFollowUp])
        try await client.quotes.place(
            quoteID: quote.id, cgvVersion: order.cgvVersion, options: .idempotencyKey(UUID().uuidString))
    }
}

/// The ordering part of a bench fixture.
struct OrderFixture: Sendable {
    var headOffice: Int64
    var contactID: Int64
    var cgvVersion: Int64
}
