import Foundation
import MyOpenIPClient
import Testing

/// A partner (OIP-00000001), a client of that partner (OIP-00000002) and a direct client (OIP-00000003).
private func createCompanies(_ admin: MyOpenIPClient) async throws {
    var partner = Myopenip_V1_CreateCompanyRequest()
    partner.kind = .partner
    partner.name = "Réseau Partenaire"
    partner.siren = "443 061 841"
    partner.legalStatus = "SAS"
    #expect(try await admin.companies.create(partner).reference == "OIP-00000001")
    var client = Myopenip_V1_CreateCompanyRequest()
    client.kind = .client
    client.name = "Boulangerie Martin"
    client.siren = "552081317"
    client.legalStatus = "sarl"
    client.partnerReference = "OIP-00000001"
    client.mails.technical = "tech@boulangerie.fr"
    #expect(try await admin.companies.create(client).partnerReference == "OIP-00000001")
    var direct = Myopenip_V1_CreateCompanyRequest()
    direct.kind = .client
    direct.name = "Mairie de Clichy"
    direct.siren = "732829320"
    direct.legalStatus = "COLLECTIVITE"
    #expect(try await admin.companies.create(direct).reference == "OIP-00000003")
}

@Suite("Companies")
struct CompanyTests {
    @Test("operator staff create companies; bad records are refused with a clear message")
    func creation() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await createCompanies(admin)
            let client = try await admin.companies.get(reference: "OIP-00000002")
            #expect(client.vatNumber == "FR03552081317")
            #expect(client.legalStatus == "SARL")
            #expect(client.state == .active)
            #expect(client.financialSituation == .healthy)
            #expect(client.mails.technical == "tech@boulangerie.fr")

            var request = Myopenip_V1_CreateCompanyRequest()
            request.kind = .client
            request.name = "Autre"
            request.legalStatus = "SAS"
            let refusals: [(String, String, StatusCode, String)] = [
                ("12345678", "", .invalidArgument, "Le numéro SIREN doit comporter 9 chiffres"),
                ("123456789", "", .invalidArgument, "Le numéro SIREN n'est pas valide"),
                ("552081317", "", .alreadyExists, "Une société existe déjà avec ce numéro SIREN"),
                ("542065479", "OIP-00000003", .notFound, "Ce partenaire n'existe pas"),
            ]
            for (siren, partner, code, message) in refusals {
                request.siren = siren
                request.partnerReference = partner
                let error = await rpcError { try await admin.companies.create(request) }
                #expect(error?.code == code, "\(siren)")
                #expect(error?.message == message, "\(siren)")
            }
            request.siren = "542065479"
            request.partnerReference = ""
            request.legalStatus = "GIE"
            let status = await rpcError { try await admin.companies.create(request) }
            #expect(status?.field == "legal_status")
            request.legalStatus = "SAS"
            request.mails.administrative = "pas-un-email"
            let mail = await rpcError { try await admin.companies.create(request) }
            #expect(mail?.field == "mails.administrative")
            #expect(try await admin.companies.list().companies.count == 3)
            await admin.close()
        }
    }

    @Test("a user sees its company, a partner also its clients, operator staff everything; the rest is NOT_FOUND")
    func scope() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await createCompanies(admin)
            let clientLogin = try await daemon.createActiveUser(kind: .clientUser, company: "OIP-00000002")
            let partnerLogin = try await daemon.createActiveUser(kind: .partnerUser, company: "OIP-00000001")
            let clientUser = try await daemon.loggedIn(clientLogin)
            let partnerUser = try await daemon.loggedIn(partnerLogin)
            // Without a right, a user sees nothing; "Univers Client" (main right 2) lets them read.
            let none = await rpcError { try await clientUser.companies.list() }
            #expect(none?.code == .permissionDenied)
            #expect(none?.reason == "PERMISSION_REQUIRED")
            for login in [clientLogin, partnerLogin] {
                try await admin.rights.setUserRights(login: login, rightIDs: [2])
            }

            #expect(try await clientUser.companies.list().companies.map(\.reference) == ["OIP-00000002"])
            #expect(try await partnerUser.companies.list().companies.map(\.reference) == ["OIP-00000001", "OIP-00000002"])
            #expect(
                try await admin.companies.list().companies.map(\.reference) == ["OIP-00000001", "OIP-00000002", "OIP-00000003"])
            for (user, reference) in [(clientUser, "OIP-00000001"), (clientUser, "OIP-00000003"), (partnerUser, "OIP-00000003")] {
                let hidden = await rpcError { try await user.companies.get(reference: reference) }
                #expect(hidden?.code == .notFound)
                #expect(hidden?.message == "Cette société n'existe pas")
            }
            #expect(try await partnerUser.companies.get(reference: "OIP-00000002").name == "Boulangerie Martin")

            var change = Myopenip_V1_Company()
            change.name = "Pirate"
            let denied = await rpcError {
                try await clientUser.companies.update(reference: "OIP-00000002", company: change, fields: ["name"])
            }
            #expect(denied?.code == .permissionDenied)
            for client in [admin, clientUser, partnerUser] { await client.close() }
        }
    }

    @Test("an update changes only the named fields and is audited with before and after")
    func update() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await createCompanies(admin)
            var change = Myopenip_V1_Company()
            change.name = "Boulangerie Martin & Fils"
            change.state = .suspended
            change.comment = "ignored: not named"
            let updated = try await admin.companies.update(reference: "OIP-00000002", company: change, fields: ["name", "state"])
            #expect(updated.name == "Boulangerie Martin & Fils")
            #expect(updated.state == .suspended)
            #expect(updated.comment.isEmpty)
            #expect(updated.mails.technical == "tech@boulangerie.fr")
            // The search index follows the new name.
            #expect(try await admin.companies.list(query: "& FILS").companies.map(\.reference) == ["OIP-00000002"])

            let events = try await admin.audit.list(action: "company.updated", companyReference: "OIP-00000002").events
            let event = try #require(events.first)
            #expect(event.details["before.name"] == "Boulangerie Martin")
            #expect(event.details["after.name"] == "Boulangerie Martin & Fils")
            #expect(event.details["after.state"] == "suspended")
            #expect(event.details["before.comment"] == nil)

            let unknownField = await rpcError {
                try await admin.companies.update(reference: "OIP-00000002", company: change, fields: ["reference"])
            }
            #expect(unknownField?.reason == "UPDATE_MASK_INVALID")
            change.siren = "443061841"
            let taken = await rpcError {
                try await admin.companies.update(reference: "OIP-00000002", company: change, fields: ["siren"])
            }
            #expect(taken?.code == .alreadyExists)
            let missing = await rpcError {
                try await admin.companies.update(reference: "OIP-00000099", company: change, fields: ["name"])
            }
            #expect(missing?.code == .notFound)
            await admin.close()
        }
    }

    @Test("lists are filtered, searched and paginated")
    func listing() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await createCompanies(admin)
            #expect(try await admin.companies.list(kind: .partner).companies.map(\.reference) == ["OIP-00000001"])
            #expect(
                try await admin.companies.list(partnerReference: "OIP-00000001").companies.map(\.reference) == ["OIP-00000002"])
            #expect(try await admin.companies.list(query: "clichy").companies.map(\.reference) == ["OIP-00000003"])
            #expect(try await admin.companies.list(query: "552 081").companies.map(\.reference) == ["OIP-00000002"])
            #expect(try await admin.companies.list(query: "oip-00000001").companies.map(\.reference) == ["OIP-00000001"])
            #expect(try await admin.companies.list(query: "%").companies.isEmpty)
            let first = try await admin.companies.list(pageSize: 2)
            #expect(first.companies.count == 2)
            let second = try await admin.companies.list(pageSize: 2, pageToken: first.nextPageToken)
            #expect(second.companies.map(\.reference) == ["OIP-00000003"])
            #expect(second.nextPageToken.isEmpty)
            // By name: Boulangerie, Mairie, Réseau; two pages of 2.
            let byName = try await admin.companies.list(orderBy: .name, pageSize: 2)
            #expect(byName.companies.map(\.name) == ["Boulangerie Martin", "Mairie de Clichy"])
            let rest = try await admin.companies.list(orderBy: .name, pageSize: 2, pageToken: byName.nextPageToken)
            #expect(rest.companies.map(\.name) == ["Réseau Partenaire"])
            // A token of one order is refused in the other.
            let mixed = await rpcError { try await admin.companies.list(pageSize: 2, pageToken: byName.nextPageToken) }
            #expect(mixed?.field == "page_token")
            let garbage = await rpcError { try await admin.companies.list(pageToken: "!!") }
            #expect(garbage?.field == "page_token")
            await admin.close()
        }
    }
}
