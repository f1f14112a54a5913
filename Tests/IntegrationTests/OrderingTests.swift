import Foundation
import MyOpenIPClient
import Testing

@Suite("Ordering: quotes, the two ways to order, contracted offers")
struct OrderingTests {
    @Test("a client orders two products itself: one order, two contracted offers, the confirmation mailed")
    func clientOrdersTwoProducts() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let user = try await world.clientUser(daemon)
            let quote = try await world.fullQuote(by: user)
            #expect(quote.state == .inProgress && !quote.enteredForClient)
            #expect(quote.items.map(\.number) == ["01", "02"])
            // 990 € + 2 × 150 € once; 399 € + 2 × 14.90 € a month.
            #expect(quote.totals.oneTime.excludingVatCents == 129_000)
            #expect(quote.totals.oneTime.vatCents == 25_800)
            #expect(quote.totals.monthly.excludingVatCents == 42_880)
            #expect(quote.totals.monthly.includingVatCents == 51_456)
            #expect(quote.items[1].form.map(\.label) == ["Nombre d'utilisateurs"])

            let order = try await user.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion)
            #expect(order.reference == "COM00001")
            #expect(order.stateLabel == "Commande déposée" && order.state == .acknowledged)
            #expect(order.items.map(\.contractedOfferReference) == ["OC00001", "OC00002"])
            #expect(order.cgv.version == world.cgvVersion && order.cgv.acceptedBy == world.clientLogin)
            #expect(order.enteredBy.isEmpty)
            #expect(try await user.quotes.get(id: quote.id).orderReference == "COM00001")

            let offers = try await user.orders.offers().offers
            #expect(offers.map(\.reference) == ["OC00002", "OC00001"])
            let fibre = try #require(offers.last)
            #expect(fibre.name == "FIBRE OPTIQUE ENTREPRISE" && fibre.lastOrderReference == "COM00001")
            #expect(fibre.companyName == "Ma Société" && fibre.companyReference == OrderingFixture.client)
            #expect(fibre.stateLabel == "Commande déposée" && fibre.kindLabel == "Création")
            #expect(fibre.pilot.isEmpty && !fibre.hasDeliveredAt)
            #expect(offers.first?.city == "Clichy")
            #expect(try await user.orders.offers(text: "clichy").offers.map(\.reference) == ["OC00002"])
            #expect(try await user.orders.offers(category: .internetAccess).offers.map(\.reference) == ["OC00001"])
            #expect(try await user.orders.offers(siteID: world.headOffice).offers.map(\.reference) == ["OC00001"])

            let detail = try await user.orders.offer(reference: "OC00001")
            #expect(detail.site.name == "Siège Social")
            #expect(detail.history.map(\.reason) == ["Commande COM00001 déposée"])
            #expect(detail.commitmentTotalCents == 99_000 + 36 * 39_900)
            #expect(detail.actors.map(\.part).contains("Commande validée par"))
            #expect(
                detail.actors.contains { $0.name == "John Smith" && $0.part == "Intervention sur site, Livraison de matériel" })
            #expect(detail.form.map(\.value) == ["500", "8"])

            let admin = daemon.operatorClient()
            let mails = try await admin.mail.list().mails.filter { $0.subject == "Confirmation de votre commande COM00001" }
            #expect(Set(mails.map(\.recipient)).contains("listen@ma-societe.fr"))
            #expect(mails.count == 2, "the user who ordered and the follow-up contact")
            #expect(mails.first?.body.contains("OC00002 MyCloud3CX × 2") == true)
            await admin.close()
            await user.close()
        }
    }

    @Test("a partner enters an order; the client validates it through the mailed link, which works once")
    func partnerEntersClientValidates() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let partner = try await world.partnerUser(daemon)
            let quote = try await world.fullQuote(by: partner)
            #expect(quote.enteredForClient)
            // The partner cannot order in its client's place.
            let byPartner = await rpcError { try await partner.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion) }
            #expect(byPartner?.code == .permissionDenied && byPartner?.reason == "ORDER_CLIENT_ONLY")
            let submitted = try await partner.quotes.submit(quoteID: quote.id)
            #expect(submitted.state == .pending && submitted.stateLabel == "En attente de validation du client")

            let admin = daemon.operatorClient()
            let mail = try #require(
                try await admin.mail.list().mails.first {
                    $0.subject == "Commande à valider pour Ma Société (devis n° \(quote.id))"
                })
            #expect(mail.body.contains("Réseau Partenaire a saisi une commande pour Ma Société"))
            let token = try #require(linkToken(in: mail.body))

            let client = try await world.clientUser(daemon)
            // Without the link, the client cannot skip the validation step.
            let unlinked = await rpcError { try await client.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion) }
            #expect(unlinked?.reason == "QUOTE_AWAITS_CLIENT_VALIDATION")
            #expect(try await client.quotes.open(validationToken: token).id == quote.id)
            let stale = await rpcError {
                try await client.quotes.place(quoteID: quote.id, cgvVersion: 999, validationToken: token)
            }
            #expect(stale?.code == .failedPrecondition && stale?.reason == "CGV_NOT_IN_FORCE")
            #expect(stale?.message == "Merci de valider votre commande en acceptant les CGV en vigueur")
            let order = try await client.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion, validationToken: token)
            #expect(order.enteredBy == world.partnerLogin && order.placedBy == world.clientLogin)
            #expect(order.reference == "COM00001")

            let again = await rpcError { try await client.quotes.open(validationToken: token) }
            #expect(again?.code == .failedPrecondition && again?.reason == "VALIDATION_LINK_USED")
            let twice = await rpcError {
                try await client.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion, validationToken: token)
            }
            #expect(twice?.reason == "QUOTE_ALREADY_ORDERED")
            #expect(twice?.message == "Ce devis a déjà été commandé : commande COM00001")
            // The partner sees its client's order and offers.
            #expect(try await partner.orders.get(reference: "COM00001").companyName == "Ma Société")
            #expect(try await partner.orders.offers().offers.count == 2)
            for connection in [admin, client, partner] { await connection.close() }
        }
    }

    @Test("the client may refuse an order its partner entered; the link then works no more")
    func clientRefuses() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let partner = try await world.partnerUser(daemon)
            let quote = try await world.fullQuote(by: partner)
            try await partner.quotes.submit(quoteID: quote.id)
            let admin = daemon.operatorClient()
            let mail = try #require(try await admin.mail.list().mails.first { $0.subject.hasPrefix("Commande à valider") })
            let token = try #require(linkToken(in: mail.body))
            let client = try await world.clientUser(daemon)
            let refused = try await client.quotes.refuse(quoteID: quote.id, validationToken: token, reason: "Budget 2027")
            #expect(refused.state == .rejected && refused.refusalReason == "Budget 2027")
            let late = await rpcError {
                try await client.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion, validationToken: token)
            }
            #expect(late?.reason == "QUOTE_REFUSED")
            for connection in [admin, client, partner] { await connection.close() }
        }
    }

    @Test("the guide's contact messages reach the caller byte for byte, naming the contact or the product")
    func contactMessages() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let user = try await world.clientUser(daemon)
            func place(_ quote: Myopenip_V1_Quote) async -> RPCError? {
                await rpcError { try await user.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion) }
            }
            func fibreQuote() async throws -> Myopenip_V1_Quote {
                let quote = try await user.quotes.create(companyReference: OrderingFixture.client)
                return try await user.quotes.addItem(
                    quoteID: quote.id, offeringCode: "FIBRE-ENTREPRISE", siteID: world.headOffice,
                    form: ["bandwidth_mbps": "100"])
            }

            var quote = try await fibreQuote()
            quote = try await user.quotes.addContact(quoteID: quote.id, adHoc: OrderingFixture.listen, functions: [])
            var error = await place(quote)
            #expect(error?.code == .failedPrecondition)
            #expect(
                error?.message
                    == "Un des contacts n'a pas de fonction assignée. Veuillez cocher la case correspondante ou retirer le contact du devis"
            )
            #expect(error?.field == "contacts[0].functions")

            quote = try await user.quotes.setFunctions(
                quoteID: quote.id, contactID: quote.contacts[0].id, functions: [.orderFollowUp])
            error = await place(quote)
            #expect(error?.message == "Vous devez sélectionner au moins un contact sur site pour l'intervention du fournisseur")
            #expect(error?.field == "items[0]")

            quote = try await user.quotes.addContact(
                quoteID: quote.id, directoryContactID: world.smith, functions: [.onSiteIntervention])
            error = await place(quote)
            #expect(error?.message == "Vous devez renseigner au moins un contact pour la réception de votre colis")

            quote = try await user.quotes.setFunctions(
                quoteID: quote.id, contactID: quote.contacts[1].id, functions: [.onSiteIntervention, .equipmentDelivery])
            // A second intervention or delivery contact is refused as soon as its box is ticked.
            let listenID = quote.contacts[0].id
            error = await rpcError {
                try await user.quotes.setFunctions(quoteID: quote.id, contactID: listenID, functions: [.onSiteIntervention])
            }
            #expect(error?.code == .failedPrecondition && error?.reason == "ORDER_CONTACT_INTERVENTION_TOO_MANY")
            #expect(error?.field == "contacts[1].functions")
            error = await rpcError {
                try await user.quotes.setFunctions(quoteID: quote.id, contactID: listenID, functions: [.equipmentDelivery])
            }
            #expect(error?.reason == "ORDER_CONTACT_DELIVERY_TOO_MANY")
            quote = try await user.quotes.removeContact(quoteID: quote.id, contactID: quote.contacts[0].id)
            error = await place(quote)
            #expect(error?.message == "Vous devez renseigner au moins un contact pour le suivi de votre commande")
            #expect(error?.field == "contacts")

            // A fourth follow-up contact is refused as soon as its box is ticked.
            for index in 1...3 {
                var person = OrderingFixture.listen
                person.email = "suivi\(index)@ma-societe.fr"
                quote = try await user.quotes.addContact(quoteID: quote.id, adHoc: person, functions: [.orderFollowUp])
            }
            error = await rpcError {
                try await user.quotes.addContact(quoteID: quote.id, adHoc: OrderingFixture.listen, functions: [.orderFollowUp])
            }
            #expect(error?.code == .failedPrecondition)
            #expect(
                error?.message
                    == "Le nombre maximum de contact est atteint, veuillez créer une liste de diffusion si vous souhaitez ajouter plus de 3 contacts pour le suivi de votre commande"
            )
            #expect(error?.field == "contacts[4].functions")

            // The partner's referent contact lacks a phone: it cannot be added.
            error = await rpcError {
                try await user.quotes.addContact(
                    quoteID: quote.id, directoryContactID: world.olivier, functions: [.orderFollowUp])
            }
            #expect(error?.code == .failedPrecondition)
            #expect(
                error?.message
                    == "Il manque des informations à ce contact. Veuillez le compléter dans le module Entreprises en cliquant ici si vous souhaitez l'ajouter au devis."
            )
            #expect(error?.field == "contact_id")

            // With the rules met, the order goes through.
            #expect(try await user.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion).reference == "COM00001")
            await user.close()
        }
    }

    @Test("a product's form is checked field by field against its offering")
    func formsRefused() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let user = try await world.clientUser(daemon)
            let quote = try await user.quotes.create(companyReference: OrderingFixture.client)
            let cases: [([String: String], String, String)] = [
                ([:], "form.bandwidth_mbps", "FORM_VALUE_REQUIRED"),
                (["bandwidth_mbps": "200"], "form.bandwidth_mbps", "FORM_VALUE_INVALID"),
                (["bandwidth_mbps": "100", "ip_addresses": "65"], "form.ip_addresses", "FORM_VALUE_INVALID"),
                (["bandwidth_mbps": "100", "ip_addresses": "huit"], "form.ip_addresses", "FORM_VALUE_INVALID"),
                (["bandwidth_mbps": "100", "vlan": "12"], "form.vlan", "FORM_VALUE_UNKNOWN"),
                (["bandwidth_mbps": "100\u{1}"], "form", "TEXT_CONTROL_CHARACTER"),
            ]
            for (form, field, reason) in cases {
                let error = await rpcError {
                    try await user.quotes.addItem(
                        quoteID: quote.id, offeringCode: "FIBRE-ENTREPRISE", siteID: world.headOffice, form: form)
                }
                #expect(error?.code == .invalidArgument, "\(form)")
                #expect(error?.reason == reason, "\(form): \(String(describing: error))")
                #expect(error?.field?.hasPrefix(field) == true, "\(form): \(String(describing: error?.field))")
            }
            let quantity = await rpcError {
                try await user.quotes.addItem(
                    quoteID: quote.id, offeringCode: "MYCLOUD3CX", siteID: world.clichy, quantity: 1000, form: ["users": "2"])
            }
            #expect(quantity?.field == "quantity")
            let otherSite = await rpcError {
                try await user.quotes.addItem(quoteID: quote.id, offeringCode: "MYCLOUD3CX", siteID: 999, form: ["users": "2"])
            }
            #expect(otherSite?.code == .notFound && otherSite?.field == "site_id")
            let unknown = await rpcError {
                try await user.quotes.addItem(quoteID: quote.id, offeringCode: "NOPE", siteID: world.clichy)
            }
            #expect(unknown?.code == .notFound && unknown?.field == "offering_code")
            // Nothing was added by the refused calls.
            #expect(try await user.quotes.get(id: quote.id).items.isEmpty)
            await user.close()
        }
    }

    @Test("placing is exactly once: concurrent attempts, one winner; a retry with its key gets the same order")
    func exactlyOnce() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let user = try await world.clientUser(daemon)
            let quote = try await world.fullQuote(by: user)
            let cgv = world.cgvVersion
            let outcomes = await withTaskGroup(of: Result<String, RPCError>.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            return .success(try await user.quotes.place(quoteID: quote.id, cgvVersion: cgv).reference)
                        } catch let error as RPCError {
                            return .failure(error)
                        } catch {
                            return .failure(RPCError(.internal, "\(error)"))
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let won = outcomes.compactMap { try? $0.get() }
            #expect(won == ["COM00001"])
            for case .failure(let error) in outcomes {
                #expect(error.reason == "QUOTE_ALREADY_ORDERED" && error.message.hasSuffix("COM00001"))
            }
            // A keyed retry of a second quote's placement answers the first answer again.
            let second = try await world.fullQuote(by: user)
            let keyed = CallOptions.idempotencyKey("place-\(second.id)")
            let first = try await user.quotes.place(quoteID: second.id, cgvVersion: cgv, options: keyed)
            let retried = try await user.quotes.place(quoteID: second.id, cgvVersion: cgv, options: keyed)
            #expect(first == retried && first.reference == "COM00002")
            #expect(try await user.orders.offers().offers.map(\.reference) == ["OC00004", "OC00003", "OC00002", "OC00001"])
            await user.close()
        }
    }

    @Test("another tenant's quote, order or offer does not exist; a user without orders.manage is refused")
    func scope() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let user = try await world.clientUser(daemon)
            let quote = try await world.fullQuote(by: user)
            try await user.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion)

            let admin = daemon.operatorClient()
            let administrator = try #require(try await admin.rights.templates().mainRights.first { $0.main == "administrator" })
                .id
            let stranger = try await daemon.createActiveUser(company: OrderingFixture.otherClient)
            try await admin.rights.setUserRights(login: stranger, rightIDs: [administrator])
            let other = try await daemon.loggedIn(stranger)
            try await other.terms.accept(version: 1)
            #expect(await rpcError { try await other.quotes.get(id: quote.id) }?.code == .notFound)
            #expect(await rpcError { try await other.orders.get(reference: "COM00001") }?.code == .notFound)
            #expect(await rpcError { try await other.orders.offer(reference: "OC00001") }?.code == .notFound)
            #expect(try await other.orders.offers().offers.isEmpty)
            #expect(try await other.orders.list().orders.isEmpty)
            // « Consulter les services d'un client »: from the company, in the scope only.
            let foreignOffers = await rpcError { try await other.orders.offers(companyReference: OrderingFixture.client) }
            #expect(foreignOffers?.code == .notFound && foreignOffers?.reason == "COMPANY_NOT_FOUND")
            #expect(await rpcError { try await other.orders.list(companyReference: OrderingFixture.client) }?.code == .notFound)
            #expect(await rpcError { try await other.quotes.create(companyReference: OrderingFixture.client) }?.code == .notFound)
            // A partner is not a client: it orders for its clients, not for itself.
            let partner = try await world.partnerUser(daemon)
            #expect(
                await rpcError { try await partner.quotes.create(companyReference: OrderingFixture.partner) }?.reason
                    == "QUOTE_COMPANY_NOT_CLIENT")
            #expect(
                try await partner.orders.offers(companyReference: OrderingFixture.client).offers.map(\.reference) == [
                    "OC00002", "OC00001",
                ])
            // Operator staff see everything.
            #expect(try await admin.orders.list().orders.map(\.reference) == ["COM00001"])
            #expect(try await admin.orders.offers(companyReference: OrderingFixture.client).offers.count == 2)
            for connection in [admin, other, partner, user] { await connection.close() }
        }
    }
}
