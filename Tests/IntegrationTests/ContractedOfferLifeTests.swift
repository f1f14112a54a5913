import Foundation
import Logging
import MyOpenIPClient
import MyOpenIPDomain
import MyOpenIPServer
import MyOpenIPStore
import Synchronization
import Testing

@Suite("Orders over their life: delivery, cancellation, upgrades, termination, watching")
struct ContractedOfferLifeTests {
    @Test(
        "the whole story: ordered, delivered by the operator, upgraded, terminated with fees and penalties shown first")
    func wholeStory() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let admin = daemon.operatorClient()
            try await admin.catalogue.create(OrderingFixture.trunkSIP)
            try await admin.catalogue.create(OrderingFixture.sipChannels)
            let pilotLogin = try await daemon.createActiveUser(kind: .operatorStaff, company: "")
            let pilot = try await admin.identity.account(login: pilotLogin).displayName
            let user = try await world.clientUser(daemon)

            // The client orders a TRUNK SIP at Clichy.
            let quote = try await world.singleQuote(by: user)
            let order = try await user.quotes.place(quoteID: quote.id, cgvVersion: world.cgvVersion)
            #expect(order.reference == "COM00001" && order.kindLabel == "Création")

            // It follows the order live: first its state, then each change in order.
            let watcher = try await world.clientUser(daemon)
            let seen = Mutex<[Myopenip_V1_OrderChange]>([])
            let watching = Task {
                for try await change in try await watcher.orders.watch(order: "COM00001") {
                    seen.withLock { $0.append(change) }
                }
            }
            try await waitUntil { seen.withLock { !$0.isEmpty } }

            // The operator names the pilot, starts delivery, and delivers the trunk today.
            var delivered = try await admin.delivery.assignPilot(order: "COM00001", login: pilotLogin)
            #expect(delivered.pilot == pilot)
            delivered = try await admin.delivery.advance(order: "COM00001", to: .inProgress)
            #expect(delivered.stateLabel == "Commande en cours de livraison")
            #expect(delivered.items.map(\.state) == [.pendingActive])
            let today = CivilDate(daemon.clock.timestamp())
            delivered = try await admin.delivery.advance(offer: "OC00001", to: .active, deliveredOn: today.description)
            #expect(delivered.state == .completed && delivered.stateLabel == "Commande livrée")

            // The client sees it delivered, with its date, its pilot and its history.
            let offer = try await user.orders.offer(reference: "OC00001")
            #expect(offer.offer.stateLabel == "Commande livrée" && offer.offer.hasDeliveredAt)
            #expect(offer.offer.pilot == pilot)
            #expect(
                offer.history.map(\.toState) == [.created, .pendingActive, .active],
                "\(offer.history.map(\.reason))")
            #expect(offer.history.last?.reason == "Livrée le \(today.french)")
            #expect(offer.actors.contains { $0.part == "Pilote" && $0.name == pilot })
            let progress = try await admin.mail.list().mails.filter { $0.subject.hasPrefix("Commande COM00001 : ") }
            #expect(
                Set(progress.map(\.subject)) == [
                    "Commande COM00001 : Commande en cours de livraison", "Commande COM00001 : Commande livrée",
                ])
            #expect(progress.allSatisfy { $0.recipient == "listen@ma-societe.fr" })
            #expect(progress.contains { $0.body.contains("OC00001 TRUNK SIP : Commande livrée le \(today.french)") })

            // An upgrade: five channels more, on the delivered trunk; an order of another type.
            let refused = await rpcError {
                try await user.quotes.addItem(
                    quoteID: try await user.quotes.create(companyReference: OrderingFixture.client).id,
                    offeringCode: "TRUNK-SIP-CANAUX", siteID: world.clichy, form: ["added_channels": "5"])
            }
            #expect(refused?.reason == "OFFERING_IS_UPGRADE" && refused?.field == "upgraded_offer_reference")
            let upgradeQuote = try await world.singleQuote(
                by: user, offering: "TRUNK-SIP-CANAUX", form: ["added_channels": "5"], upgrading: "OC00001")
            #expect(upgradeQuote.items.first?.upgradedOfferReference == "OC00001")
            #expect(upgradeQuote.items.first?.site.name == "Agence Clichy")
            let upgrade = try await user.quotes.place(quoteID: upgradeQuote.id, cgvVersion: world.cgvVersion)
            #expect(upgrade.reference == "COM00002" && upgrade.kind == .modification && upgrade.kindLabel == "Modification")
            #expect(upgrade.items.first?.upgradedOfferReference == "OC00001")
            try await admin.delivery.advance(order: "COM00002", to: .inProgress)
            try await admin.delivery.advance(offer: "OC00002", to: .active)
            let upgraded = try await user.orders.offer(reference: "OC00001")
            #expect(upgraded.offer.lastOrderReference == "COM00002" && upgraded.offer.kindLabel == "Modification")
            #expect(upgraded.service.first { $0.name == "channels" }?.value == "15")
            #expect(upgraded.form.first { $0.name == "channels" }?.value == "10")
            #expect(upgraded.monthlyTotalWithUpgradesCents == 9_000 + 1_500)
            #expect(upgraded.upgrades.map(\.reference) == ["OC00002"])

            // The site cannot be deleted while the trunk lives.
            let siteInUse = await rpcError { try await user.sites.delete(id: world.clichy) }
            #expect(siteInUse?.code == .failedPrecondition && siteInUse?.reason == "SITE_USED_BY_CONTRACTED_OFFER")
            #expect(siteInUse?.message.contains("OC00001") == true)

            // Termination: the dry run first, with the channels, which end with the trunk.
            let option = await rpcError { try await user.orders.dryRunTermination(offer: "OC00002") }
            #expect(option?.reason == "CONTRACTED_OFFER_IS_UPGRADE" && option?.message.contains("OC00001") == true)
            for (date, reason) in [
                ("31/12/2026", "TERMINATION_DATE_INVALID"), ("9999-12-31", "TERMINATION_DATE_TOO_FAR"),
                ("2020-01-01", "TERMINATION_DATE_IN_PAST"),
            ] {
                let error = await rpcError { try await user.orders.dryRunTermination(offer: "OC00001", desiredDate: date) }
                #expect(error?.code == .invalidArgument && error?.reason == reason && error?.field == "desired_date", "\(date)")
            }
            let terms = try await user.orders.dryRunTermination(offer: "OC00001")
            let effective = today.adding(months: 1)
            #expect(terms.requestDate == today.description && terms.noticeMonths == 1)
            #expect(terms.effectiveDate == effective.description)
            #expect(terms.lines.map(\.reference) == ["OC00001", "OC00002"])
            let expected = try TerminationQuote(
                offers: [
                    (
                        "OC00001", "TRUNK SIP",
                        TerminationTerms.Offer(
                            deliveredOn: today, commitmentMonths: 24, noticeMonths: 1, monthlyCents: 9_000,
                            terminationFeeCents: 15_000)
                    ),
                    (
                        "OC00002", "Ajout de canaux SIP sur un Trunk SIP existant",
                        TerminationTerms.Offer(
                            deliveredOn: today, commitmentMonths: 12, noticeMonths: 1, monthlyCents: 1_500,
                            terminationFeeCents: 0)
                    ),
                ], requestDate: today, desiredDate: today)
            #expect(terms.terminationFeeCents == 15_000)
            #expect(terms.penaltyCents == expected.penaltyCents && terms.penaltyCents > 0)
            #expect(terms.totalCents == 15_000 + expected.penaltyCents)
            #expect(terms.warnings == TerminationTerms.warnings)
            #expect(try await user.orders.offer(reference: "OC00001").offer.state == .active, "a dry run writes nothing")

            // A confirmation whose figures are not the dry run's is refused; the right one is final.
            var stale = terms
            stale.termsDigest = String(repeating: "0", count: 32)
            let changed = await rpcError { try await user.orders.terminate(stale) }
            #expect(changed?.code == .failedPrecondition && changed?.reason == "TERMINATION_TERMS_CHANGED")
            let confirmed = try await user.orders.terminate(terms)
            #expect(confirmed.confirmed && confirmed.state == .pendingTerminate && confirmed.totalCents == terms.totalCents)
            let twice = await rpcError { try await user.orders.terminate(terms) }
            #expect(twice?.reason == "TERMINATION_ALREADY_REQUESTED")
            let terminating = try await user.orders.offer(reference: "OC00001")
            #expect(terminating.offer.stateLabel == "Résiliation en cours")
            #expect(terminating.termination.effectiveDate == effective.description)
            #expect(try await user.orders.offer(reference: "OC00002").offer.state == .pendingTerminate)
            let notice = try await admin.mail.list().mails.filter { $0.subject == "Résiliation de l'offre OC00001 TRUNK SIP" }
            #expect(Set(notice.map(\.recipient)).contains("listen@ma-societe.fr"))
            #expect(notice.first?.body.contains(TerminationTerms.warnings[0]) == true)

            // Not before its day; on it, the daemon's scheduler terminates both.
            let early = await rpcError { try await admin.delivery.advance(offer: "OC00001", to: .terminated) }
            #expect(early?.reason == "TERMINATION_NOT_YET_EFFECTIVE")
            daemon.clock.advance(by: .seconds(40 * 86_400))
            let scheduler = TerminationScheduler(
                ordering: SQLiteOrderingRepository(store: daemon.daemon.store), time: daemon.clock,
                logger: Logger(label: "test-terminations"))
            #expect(await scheduler.runOnce() == 2)
            #expect(await scheduler.runOnce() == 0)
            // Sessions do not last forty days: the client signs in again.
            let back = try await world.clientUser(daemon)
            #expect(try await back.orders.offer(reference: "OC00001").offer.stateLabel == "Résiliée")
            #expect(try await back.orders.offer(reference: "OC00002").offer.state == .terminated)
            try await back.sites.delete(id: world.clichy)
            await back.close()

            // The watcher saw every change of COM00001, in order.
            try await waitUntil { seen.withLock { $0.contains { $0.offerToState == .terminated } } }
            watching.cancel()
            let changes = seen.withLock { $0 }
            #expect(changes.first?.current == true && changes.first?.orderState == .acknowledged)
            let steps = changes.dropFirst().map { $0.offerReference.isEmpty ? "order:\($0.orderState)" : "\($0.offerToState)" }
            #expect(
                steps == [
                    "order:acknowledged", "order:inProgress", "pendingActive", "order:completed", "active",
                    "pendingTerminate", "terminated",
                ], "\(steps)")
            #expect(changes.allSatisfy { $0.orderReference == "COM00001" })
            await watcher.close()
            await user.close()
            await admin.close()
        }
    }

    @Test("only the documented transitions; the client cancels before the point of no return, not after")
    func transitionsAndCancellation() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let admin = daemon.operatorClient()
            let user = try await world.clientUser(daemon)
            let order = try await user.quotes.place(
                quoteID: try await world.fullQuote(by: user).id, cgvVersion: world.cgvVersion)
            #expect(order.items.map(\.contractedOfferReference) == ["OC00001", "OC00002"])

            let illegal = await rpcError { try await admin.delivery.advance(order: "COM00001", to: .completed) }
            #expect(illegal?.code == .failedPrecondition && illegal?.reason == "ORDER_TRANSITION_INVALID")
            #expect(illegal?.message.contains("« Commande déposée » (acknowledged)") == true)
            let skip = await rpcError { try await admin.delivery.advance(offer: "OC00001", to: .active) }
            #expect(skip?.reason == "CONTRACTED_OFFER_TRANSITION_INVALID" && skip?.field == "state")
            let early = await rpcError { try await admin.delivery.advance(offer: "OC00001", to: .pendingActive) }
            #expect(early?.reason == "ORDER_NOT_IN_PROGRESS")

            // One product cancelled while the order is acknowledged.
            let partly = try await user.orders.cancel(reference: "COM00001", offers: ["OC00002"], reason: "Plus besoin")
            #expect(partly.state == .acknowledged)
            #expect(partly.items.map(\.stateLabel) == ["Commande déposée", "Commande annulée (client)"])
            let notInOrder = await rpcError { try await user.orders.cancel(reference: "COM00001", offers: ["OC00009"]) }
            #expect(notInOrder?.reason == "CONTRACTED_OFFER_NOT_IN_ORDER")

            // Past the point of no return, the client can no longer cancel.
            try await admin.delivery.markPointOfNoReturn(order: "COM00001", reason: "Travaux commandés")
            let late = await rpcError { try await user.orders.cancel(reference: "COM00001") }
            #expect(late?.code == .failedPrecondition && late?.reason == "ORDER_PAST_POINT_OF_NO_RETURN")
            #expect(
                late?.message
                    == "La livraison de cette commande est engagée : elle ne peut plus être annulée. Contactez votre interlocuteur OpenIP."
            )

            // In progress: a delivery date in the future is refused; a failed delivery fails the order.
            try await admin.delivery.advance(order: "COM00001", to: .inProgress)
            let future = CivilDate(daemon.clock.timestamp()).adding(months: 1).description
            let tomorrow = await rpcError { try await admin.delivery.advance(offer: "OC00001", to: .active, deliveredOn: future) }
            #expect(tomorrow?.reason == "DELIVERY_DATE_IN_FUTURE" && tomorrow?.field == "delivered_on")
            let failed = try await admin.delivery.advance(offer: "OC00001", to: .cancelled, reason: "Pas d'éligibilité fibre")
            #expect(failed.state == .failed && failed.items.first?.stateLabel == "Livraison en échec")
            let over = await rpcError { try await admin.delivery.advance(order: "COM00001", to: .inProgress) }
            #expect(over?.reason == "ORDER_TRANSITION_INVALID")

            // A second order, one product then the rest cancelled by the client: « Commande annulée (client) ».
            let second = try await user.quotes.place(
                quoteID: try await world.fullQuote(by: user).id, cgvVersion: world.cgvVersion)
            try await user.orders.cancel(reference: second.reference, offers: ["OC00004"])
            let cancelled = try await user.orders.cancel(reference: second.reference)
            #expect(cancelled.state == .cancelled && cancelled.stateLabel == "Commande annulée (client)")
            let again = await rpcError { try await user.orders.cancel(reference: second.reference) }
            #expect(again?.reason == "ORDER_NOT_CANCELLABLE")
            // A cancelled offer is not terminated, and cannot be.
            let notLive = await rpcError { try await user.orders.dryRunTermination(offer: "OC00003") }
            #expect(notLive?.reason == "CONTRACTED_OFFER_NOT_TERMINABLE")
            await user.close()
            await admin.close()
        }
    }

    @Test(
        "watching follows the scope: a partner sees its client's orders, another tenant's are NOT_FOUND, a session's end ends it")
    func watchScope() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let admin = daemon.operatorClient()
            let user = try await world.clientUser(daemon)
            let partner = try await world.partnerUser(daemon)
            _ = try await user.quotes.place(quoteID: try await world.fullQuote(by: user).id, cgvVersion: world.cgvVersion)

            let seen = Mutex<[Myopenip_V1_OrderChange]>([])
            let watching = Task {
                for try await change in try await partner.orders.watch(companyReference: OrderingFixture.client) {
                    seen.withLock { $0.append(change) }
                }
            }
            // The partner's watch is registered once a change reaches it.
            try await waitUntil {
                try await admin.delivery.assignPilot(order: "COM00001", login: "")
                return seen.withLock { !$0.isEmpty }
            }
            try await admin.delivery.advance(order: "COM00001", to: .inProgress)
            try await waitUntil { seen.withLock { $0.contains { $0.orderState == .inProgress } } }
            watching.cancel()

            let otherLogin = try await daemon.createActiveUser(company: OrderingFixture.otherClient)
            let administrator = try #require(
                try await admin.rights.templates().mainRights.first { $0.main == "administrator" }
            ).id
            try await admin.rights.setUserRights(login: otherLogin, rightIDs: [administrator])
            let other = try await daemon.loggedIn(otherLogin)
            try await other.terms.accept(version: 1)
            for attempt in [("COM00001", ""), ("", OrderingFixture.client)] {
                let error = await rpcError {
                    let stream = try await other.orders.watch(
                        order: attempt.0, companyReference: attempt.1, options: CallOptions(timeout: .seconds(10)))
                    for try await _ in stream {}
                }
                #expect(error?.code == .notFound, "\(attempt)")
            }
            let foreignCancel = await rpcError { try await other.orders.cancel(reference: "COM00001") }
            #expect(foreignCancel?.code == .notFound)
            let foreignTermination = await rpcError { try await other.orders.dryRunTermination(offer: "OC00001") }
            #expect(foreignTermination?.code == .notFound)
            await other.close()

            // A watch lasts as long as its session: after logout, the next change ends it.
            let received = Mutex(0)
            let failure = Mutex<RPCError?>(nil)
            let lone = Task {
                do {
                    for try await _ in try await partner.orders.watch(order: "COM00001") { received.withLock { $0 += 1 } }
                } catch let error as RPCError {
                    failure.withLock { $0 = error }
                }
            }
            try await waitUntil { received.withLock { $0 == 1 } }
            try await partner.identity.logout()
            try await admin.delivery.assignPilot(order: "COM00001", login: "")
            try await waitUntil { failure.withLock { $0 != nil } }
            #expect(failure.withLock { $0?.code } == .unauthenticated)
            #expect(received.withLock { $0 } == 1, "no change after the session ended")
            lone.cancel()
            await partner.close()
            await user.close()
            await admin.close()
        }
    }
}

/// Polls `condition` until it holds, for up to ten seconds.
func waitUntil(_ condition: () async throws -> Bool) async throws {
    for _ in 0..<1_000 {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("the condition never held")
}
