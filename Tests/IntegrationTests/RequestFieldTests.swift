import Foundation
import MyOpenIPClient
import Testing

/// Every request is checked before any handler runs: text without control characters (line
/// breaks only where a field is multi-line), enums within the contract's values.
@Suite("Request fields")
struct RequestFieldTests {
    static func company(name: String, comment: String = "") -> Myopenip_V1_CreateCompanyRequest {
        var request = Myopenip_V1_CreateCompanyRequest()
        request.kind = .client
        request.name = name
        request.siren = "552081317"
        request.legalStatus = "SAS"
        request.comment = comment
        return request
    }

    @Test(
        "text with NUL or control characters is refused naming the field, and nothing is stored",
        arguments: TestTransport.allCases)
    func controlCharacters(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            for name in ["abc\0def", "\0", "Ma\u{1B}[2J Société", "deux\nlignes", "\u{7F}", "\u{85}x", "a\u{2028}b"] {
                let error = await rpcError { try await admin.companies.create(Self.company(name: name)) }
                #expect(error?.code == .invalidArgument, "\(name.debugDescription)")
                #expect(error?.reason == "TEXT_CONTROL_CHARACTER", "\(name.debugDescription)")
                #expect(error?.field == "name", "\(name.debugDescription)")
            }
            #expect(try await admin.companies.list().companies.isEmpty)
            // A multi-line field takes line breaks and tabs, not NUL.
            let company = try await admin.companies.create(Self.company(name: "Ma Société", comment: "ligne 1\n\tligne 2"))
            #expect(company.comment == "ligne 1\n\tligne 2")
            let nul = await rpcError {
                var request = Self.company(name: "Autre", comment: "a\0b")
                request.siren = "443061841"
                return try await admin.companies.create(request)
            }
            #expect(nul?.field == "comment")

            // Nested fields are named by their path.
            var site = Myopenip_V1_SiteFields()
            site.name = "Site"
            site.address.street = "1 rue"
            site.address.postcode = "75003"
            site.address.city = "Paris\0"
            site.openingHours = "Lundi\nMardi"
            let nested = await rpcError { try await admin.sites.create(companyReference: company.reference, fields: site) }
            #expect(nested?.field == "fields.address.city")
            site.address.city = "Paris"
            #expect(
                try await admin.sites.create(companyReference: company.reference, fields: site).fields.openingHours
                    == "Lundi\nMardi")

            // A search is text like any other: refused, never an internal error.
            let client = daemon.client(transport)
            let search = await rpcError { try await admin.companies.list(query: "a\0b") }
            #expect(search?.code == .invalidArgument)
            #expect(search?.field == "query")
            let title = await rpcError { try await admin.terms.publish(title: "CU\n2017", text: "texte\nsur deux lignes") }
            #expect(title?.field == "title")
            #expect(
                try await admin.terms.publish(title: "CU 2017", text: "texte\nsur deux lignes").text == "texte\nsur deux lignes")
            let health = await rpcError { try await client.health.check(service: "grpc\0") }
            #expect(health?.field == "service")
            await admin.close()
            await client.close()
        }
    }

    @Test("an enum value the contract does not define is refused naming the field")
    func unknownEnums() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            var request = Self.company(name: "Ma Société")
            request.financialSituation = .UNRECOGNIZED(999)
            let situation = await rpcError { try await admin.companies.create(request) }
            #expect(situation?.code == .invalidArgument)
            #expect(situation?.reason == "ENUM_VALUE_UNKNOWN")
            #expect(situation?.field == "financial_situation")
            request.financialSituation = .healthy
            request.kind = .UNRECOGNIZED(7)
            #expect(await rpcError { try await admin.companies.create(request) }?.field == "kind")
            var list = Myopenip_V1_ListCompaniesRequest()
            list.orderBy = .UNRECOGNIZED(999)
            #expect(await rpcError { try await admin.companies.listCompanies(list) }?.field == "order_by")
            var accounts = Myopenip_V1_ListAccountsRequest()
            accounts.state = .UNRECOGNIZED(-3)
            #expect(await rpcError { try await admin.identity.listAccounts(accounts) }?.field == "state")
            #expect(try await admin.companies.list().companies.isEmpty)
            await admin.close()
        }
    }
}
