import Foundation
import MyOpenIPClient
import Testing

@Suite("Identity: terms of use")
struct TermsTests {
    @Test("a newer version in force must be accepted again")
    func newVersion() async throws {
        try await withTestDaemon { daemon async throws in
            let first = try await daemon.publishTerms(effectiveAt: "2017-02-15")
            let login = try await daemon.createActiveUser()
            let user = try await daemon.loggedIn(login)
            try await user.terms.accept(version: first.version)
            _ = try await user.rights.templates()

            // A version published for tomorrow changes nothing today…
            let tomorrow = Date(timeIntervalSinceNow: 86_400).formatted(.iso8601.year().month().day())
            let second = try await daemon.publishTerms(effectiveAt: tomorrow)
            #expect(!second.inForce)
            _ = try await user.rights.templates()
            // …and must be accepted once it is in force.
            daemon.clock.advance(by: .seconds(2 * 86_400))
            let admin = daemon.operatorClient()
            try await admin.identity.revokeSessions(login: login)
            let again = try await daemon.loggedIn(login)
            // Who they are, they may see; anything else waits for the acceptance.
            #expect(try await again.identity.whoAmI().mustAcceptTerms)
            let gated = await rpcError { try await again.rights.templates() }
            #expect(gated?.reason == "TERMS_NOT_ACCEPTED")
            #expect(gated?.code == .failedPrecondition)
            let old = await rpcError { try await again.terms.accept(version: first.version) }
            #expect(old?.reason == "TERMS_NOT_IN_FORCE")
            try await again.terms.accept(version: second.version)
            #expect(try await again.identity.whoAmI().mustAcceptTerms == false)
            _ = try await again.rights.templates()
            // Logging out is allowed before accepting.
            try await again.identity.logout()
            for client in [user, again, admin] { await client.close() }
        }
    }

    @Test("publishing checks its fields and keeps versions in order")
    func publishing() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let noTitle = await rpcError { try await admin.terms.publish(title: " ", text: "texte") }
            #expect(noTitle?.code == .invalidArgument)
            #expect(noTitle?.field == "title")
            let badDate = await rpcError { try await admin.terms.publish(title: "CU", text: "texte", effectiveAt: "15/02/2017") }
            #expect(badDate?.field == "effective_at")
            let published = try await admin.terms.publish(title: "CU", text: "texte", effectiveAt: "2017-02-15")
            #expect(published.version == 1)
            #expect(published.effectiveAt.iso8601 == "2017-02-15T00:00:00.000Z")
            // An instant no Timestamp may hold is refused by the daemon, naming the field.
            var beyond = Myopenip_V1_PublishTermsRequest()
            beyond.title = "CU"
            beyond.text = "texte"
            beyond.effectiveAt = .init(seconds: 1_500_000_000, nanos: 2_000_000_000)
            let invalid = await rpcError { try await admin.terms.publishTerms(beyond) }
            #expect(invalid?.code == .invalidArgument)
            #expect(invalid?.reason == "TIMESTAMP_INVALID")
            #expect(invalid?.field == "effective_at")
            let earlier = await rpcError { try await admin.terms.publish(title: "CU", text: "texte", effectiveAt: "2016-01-01") }
            #expect(earlier?.code == .failedPrecondition)
            let versions = try await admin.terms.list()
            #expect(versions.map(\.version) == [1])
            let missing = await rpcError { try await admin.terms.get(version: 7) }
            #expect(missing?.code == .notFound)
            await admin.close()
        }
    }

    @Test("a version scheduled in the future blocks no publication and can be withdrawn until its date")
    func scheduledVersions() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let first = try await daemon.publishTerms(effectiveAt: "2017-02-15")
            let day: Duration = .seconds(86_400)
            let inTen = Date(timeIntervalSinceNow: 10 * 86_400).formatted(.iso8601.year().month().day())
            let inTwenty = Date(timeIntervalSinceNow: 20 * 86_400).formatted(.iso8601.year().month().day())
            let later = try await admin.terms.publish(title: "C.U. à venir", text: "texte", effectiveAt: inTwenty)
            #expect(later.state == .scheduled)
            // Published after it, a version for an earlier date, and one in force at once.
            let sooner = try await admin.terms.publish(title: "C.U. plus tôt", text: "texte", effectiveAt: inTen)
            let now = try await admin.terms.publish(title: "C.U. corrigées", text: "texte")
            #expect(now.state == .inForce)
            #expect(try await admin.terms.get(version: first.version).state == .superseded)
            let before = await rpcError { try await admin.terms.publish(title: "C.U.", text: "texte", effectiveAt: "2017-03-01") }
            #expect(before?.code == .failedPrecondition)
            #expect(before?.reason == "TERMS_BEFORE_IN_FORCE")

            // The sooner one is withdrawn: it never comes into force; the later one does, in its turn.
            let withdrawn = try await admin.terms.withdraw(version: sooner.version)
            #expect(withdrawn.state == .withdrawn)
            #expect(withdrawn.withdrawnBy.hasPrefix("operator"))
            daemon.clock.advance(by: day * 15)
            #expect(try await admin.terms.get().version == now.version)
            daemon.clock.advance(by: day * 10)
            #expect(try await admin.terms.get().version == later.version)
            let inForce = await rpcError { try await admin.terms.withdraw(version: later.version) }
            #expect(inForce?.code == .failedPrecondition)
            #expect(inForce?.reason == "TERMS_ALREADY_IN_FORCE")
            #expect(inForce?.field == "version")
            let missing = await rpcError { try await admin.terms.withdraw(version: 99) }
            #expect(missing?.code == .notFound)
            #expect(try await admin.terms.list().map(\.state) == [.superseded, .withdrawn, .inForce, .superseded])
            let events = try await admin.audit.list(action: "terms.withdrawn").events
            #expect(events.map { $0.details["version"] } == [String(sooner.version)])
            await admin.close()
        }
    }

    @Test("without published terms nothing is gated")
    func noTerms() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser()
            let user = try await daemon.loggedIn(login)
            let response = try await user.identity.whoAmI()
            #expect(!response.mustAcceptTerms)
            let none = await rpcError { try await user.terms.get() }
            #expect(none?.code == .notFound)
            await user.close()
        }
    }
}
