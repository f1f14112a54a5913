import Foundation
import MyOpenIPClient
import Testing

@Suite("Identity: the sales conditions beside the terms of use")
struct TermsDocumentTests {
    static let text = "CONDITIONS GÉNÉRALES DE VENTE\nArticle 1 – Objet…"

    @Test("published sales conditions never hold a session back")
    func salesConditionsDoNotGate() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let login = try await daemon.createActiveUser()
            let sales = try await admin.terms.publish(
                title: "CGV 2017", text: Self.text, effectiveAt: "2017-02-15", document: .salesConditions)
            #expect(sales.document == .salesConditions)
            #expect(sales.inForce)
            #expect(sales.state == .inForce)
            #expect(sales.applicability == "Version de Conditions Générales de Vente applicable au 15 Février 2017")

            let user = daemon.client(.tcp)
            #expect(try await user.identity.login(identifier: login, password: goodPassword).mustAcceptTerms == false)
            #expect(try await user.identity.whoAmI().mustAcceptTerms == false)
            _ = try await user.rights.templates()

            // With terms of use accepted, a new version of the sales conditions changes nothing either.
            let terms = try await daemon.publishTerms()
            #expect(terms.version == sales.version + 1)
            #expect(terms.document == .termsOfUse)
            try await user.terms.accept(version: terms.version)
            let newer = try await admin.terms.publish(title: "CGV corrigées", text: Self.text, document: .salesConditions)
            #expect(newer.inForce)
            #expect(try await admin.terms.get(version: terms.version).inForce)
            #expect(try await user.identity.whoAmI().mustAcceptTerms == false)
            _ = try await user.rights.templates()
            await user.close()
            await admin.close()
        }
    }

    @Test("each document is read, listed and in force on its own")
    func readingByDocument() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let none = await rpcError { try await admin.terms.get(document: .salesConditions) }
            #expect(none?.code == .notFound)
            #expect(none?.reason == "TERMS_NOT_FOUND")
            #expect(none?.message == "Aucune version des conditions générales de vente n'est en vigueur")

            let sales = try await admin.terms.publish(
                title: "CGV 2017", text: Self.text, effectiveAt: "2017-02-15", document: .salesConditions)
            let terms = try await daemon.publishTerms()
            let login = try await daemon.createActiveUser()
            let user = try await daemon.loggedIn(login)
            // Before accepting the terms of use, a user reads the sales conditions too.
            let read = try await user.terms.get(document: .salesConditions)
            #expect(read.version == sales.version)
            #expect(read.text == Self.text)
            #expect(try await user.terms.get().version == terms.version)
            // By number, a version of either document, with its document.
            let byNumber = try await admin.terms.get(version: sales.version)
            #expect(byNumber.document == .salesConditions)
            #expect(byNumber.inForce)
            let missing = await rpcError { try await admin.terms.get(version: 99, document: .salesConditions) }
            #expect(missing?.code == .notFound)
            #expect(missing?.message == "Cette version des conditions générales de vente n'existe pas")

            #expect(try await admin.terms.list(document: .salesConditions).map(\.version) == [sales.version])
            #expect(try await admin.terms.list().map(\.version) == [terms.version])
            // Scheduled sales conditions are withdrawn by their number alone.
            let later = try await admin.terms.publish(
                title: "CGV 2099", text: Self.text, effectiveAt: "2099-01-01", document: .salesConditions)
            let withdrawn = try await admin.terms.withdraw(version: later.version)
            #expect(withdrawn.document == .salesConditions)
            #expect(withdrawn.state == .withdrawn)
            #expect(try await admin.terms.list(document: .salesConditions).map(\.state) == [.withdrawn, .inForce])
            let events = try await admin.audit.list(action: "terms.withdrawn").events
            #expect(events.map { $0.details["document"] } == ["sales_conditions"])
            await user.close()
            await admin.close()
        }
    }

    @Test("the sales conditions are not accepted through AcceptTerms")
    func acceptingSalesConditionsIsRefused() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let sales = try await admin.terms.publish(
                title: "CGV 2017", text: Self.text, effectiveAt: "2017-02-15", document: .salesConditions)
            let login = try await daemon.createActiveUser()
            let user = try await daemon.loggedIn(login)
            var request = Myopenip_V1_AcceptTermsRequest()
            request.version = sales.version
            request.document = .salesConditions
            let refused = await rpcError { try await user.terms.acceptTerms(request) }
            #expect(refused?.code == .invalidArgument)
            #expect(refused?.reason == "TERMS_DOCUMENT_INVALID")
            #expect(refused?.field == "document")
            #expect(refused?.message == "Les conditions générales de vente s'acceptent en passant une commande")
            // Nor as the terms of use: they are not the version of the terms of use in force.
            let asTerms = await rpcError { try await user.terms.accept(version: sales.version) }
            #expect(asTerms?.code == .notFound)
            #expect(try await admin.audit.list(action: "terms.accepted").events.isEmpty)
            await user.close()
            await admin.close()
        }
    }

    @Test("only operator staff publish sales conditions")
    func publishingIsForOperatorStaff() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser()
            let user = try await daemon.loggedIn(login)
            let refused = await rpcError {
                try await user.terms.publish(title: "CGV", text: Self.text, document: .salesConditions)
            }
            #expect(refused?.code == .permissionDenied)
            #expect(refused?.reason == "OPERATOR_ONLY")
            let listing = await rpcError { try await user.terms.list(document: .salesConditions) }
            #expect(listing?.code == .permissionDenied)
            await user.close()
        }
    }
}
