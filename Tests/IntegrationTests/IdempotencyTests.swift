import Foundation
import MyOpenIPClient
import Testing

@Suite("Writes retried with an idempotency key")
struct IdempotencyTests {
    private static func siteFields(_ name: String) -> Myopenip_V1_SiteFields {
        var fields = Myopenip_V1_SiteFields()
        fields.name = name
        fields.address.street = "1 place de la République"
        fields.address.postcode = "75003"
        fields.address.city = "Paris"
        return fields
    }

    /// Runs `body` with a daemon that has the client company OIP-00000002 and its operator client.
    private static func withCompany(_ body: (TestDaemon, MyOpenIPClient) async throws -> Void) async throws {
        try await withTestDaemon { daemon async throws in
            try await daemon.ensureCompany("OIP-00000002", kind: .client)
            let client = daemon.operatorClient()
            try await body(daemon, client)
            await client.close()
        }
    }

    /// Creates the site `name` of OIP-00000002.
    private static func createSite(
        _ client: MyOpenIPClient, _ name: String, options: CallOptions = .default
    ) async throws -> Myopenip_V1_Site {
        try await client.sites.create(companyReference: "OIP-00000002", fields: siteFields(name), options: options)
    }

    /// The operator over the Unix socket, or a staff account's session over TCP.
    private static func caller(_ daemon: TestDaemon, _ transport: TestTransport) async throws -> MyOpenIPClient {
        switch transport {
        case .unix: return daemon.operatorClient()
        case .tcp: return try await daemon.loggedIn(try await daemon.createActiveUser(kind: .operatorStaff))
        }
    }

    @Test("a retried write runs once and gets the first answer again", arguments: TestTransport.allCases)
    func retriedWriteRunsOnce(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            try await daemon.ensureCompany("OIP-00000002", kind: .client)
            let client = try await Self.caller(daemon, transport)
            let key = CallOptions.idempotencyKey("site-\(UUID().uuidString)")
            let first = try await Self.createSite(client, "Agence", options: key)
            let retried = try await Self.createSite(client, "Agence", options: key)
            #expect(retried == first)
            #expect(
                try await client.sites.list(companyReference: "OIP-00000002").filter { $0.fields.name == "Agence" }.count == 1)

            // Without a key, the same request is a second write (refused here: a site's name is unique).
            let again = await rpcError { try await Self.createSite(client, "Agence") }
            #expect(again?.code == .alreadyExists)

            // A delete retried after it succeeded still says OK, not NOT_FOUND.
            let deletion = CallOptions.idempotencyKey("delete-\(first.id)")
            try await client.sites.delete(id: first.id, options: deletion)
            try await client.sites.delete(id: first.id, options: deletion)
            #expect(await rpcError { try await client.sites.delete(id: first.id) }?.code == .notFound)
            await client.close()
        }
    }

    @Test("a refused write is refused again for its key, with the same status and message")
    func refusedWriteIsReplayed() async throws {
        try await Self.withCompany { _, client async throws in
            let key = CallOptions.idempotencyKey("empty-name")
            let first = await rpcError { try await Self.createSite(client, "", options: key) }
            let second = await rpcError { try await Self.createSite(client, "", options: key) }
            #expect(first?.code == .invalidArgument)
            #expect(second == first)
        }
    }

    @Test("a key used for another request, or malformed, is refused; another caller's same key is its own")
    func keysAreCheckedAndPerCaller() async throws {
        try await Self.withCompany { daemon, client async throws in
            let key = CallOptions.idempotencyKey("shared-key")
            _ = try await Self.createSite(client, "Nord", options: key)

            let reused = await rpcError { try await Self.createSite(client, "Sud", options: key) }
            #expect(reused?.code == .failedPrecondition)
            #expect(reused?.reason == "IDEMPOTENCY_KEY_REUSED")
            #expect(reused?.field == "idempotency-key")
            let otherMethod = await rpcError { try await client.sites.delete(id: 999, options: key) }
            #expect(otherMethod?.reason == "IDEMPOTENCY_KEY_REUSED")

            for bad in ["", "with space", String(repeating: "k", count: 256), "clé"] {
                let refused = await rpcError { try await Self.createSite(client, "Est", options: .idempotencyKey(bad)) }
                #expect(refused?.code == .invalidArgument, "\(bad)")
                #expect(refused?.reason == "IDEMPOTENCY_KEY_INVALID")
            }
            // A read ignores the key, whatever it holds.
            #expect(try await client.sites.list(companyReference: "OIP-00000002", options: key).count == 2)

            let staff = try await daemon.loggedIn(try await daemon.createActiveUser(kind: .operatorStaff))
            let own = try await Self.createSite(staff, "Sud", options: key)
            #expect(own.fields.name == "Sud")
            await staff.close()
        }
    }

    @Test("concurrent calls with one key write once: the others are told it is in use, or get its answer")
    func concurrentDuplicatesWriteOnce() async throws {
        try await Self.withCompany { _, client async throws in
            let key = CallOptions.idempotencyKey("burst")
            let outcomes = await withTaskGroup(of: Result<Int64, RPCError>.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        do {
                            return .success(try await Self.createSite(client, "Ouest", options: key).id)
                        } catch let error as RPCError {
                            return .failure(error)
                        } catch {
                            return .failure(RPCError(.unknown, "\(error)"))
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let ids = Set(outcomes.compactMap { try? $0.get() })
            #expect(ids.count == 1)
            for case .failure(let error) in outcomes {
                #expect(error.code == .aborted)
                #expect(error.reason == "IDEMPOTENCY_KEY_IN_USE")
            }
            #expect(try await client.sites.list(companyReference: "OIP-00000002").filter { $0.fields.name == "Ouest" }.count == 1)
        }
    }

    @Test("a key outlives a restart of the daemon")
    func keysSurviveARestart() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let key = CallOptions.idempotencyKey("before-restart")
        let first = try await TestDaemon.start(folder: folder)
        try await first.ensureCompany("OIP-00000002", kind: .client)
        let before = first.operatorClient()
        let created = try await Self.createSite(before, "Centre", options: key)
        await before.close()
        try await first.stop()

        let second = try await TestDaemon.start(folder: folder)
        let after = second.operatorClient()
        #expect(try await Self.createSite(after, "Centre", options: key) == created)
        await after.close()
        try await second.stop()
    }

    /// Runs `call` twice with one new key and expects the same answer both times.
    private static func twice<T: Equatable & Sendable>(
        _ name: String, _ call: (CallOptions) async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> T {
        let key = CallOptions.idempotencyKey("\(name)-\(UUID().uuidString)")
        let first = try await call(key)
        let second = try await call(key)
        #expect(second == first, "\(name)", sourceLocation: sourceLocation)
        return first
    }

    /// Runs a write without an answer twice with one new key: the retry says OK too.
    private static func twice(_ name: String, _ call: (CallOptions) async throws -> Void) async throws {
        let key = CallOptions.idempotencyKey("\(name)-\(UUID().uuidString)")
        try await call(key)
        try await call(key)
    }

    @Test("every keyed write of the contracts answers a retry with its first answer (kept by the write's own commit)")
    func everyKeyedWrite() async throws {
        try await Self.withCompany { daemon, admin async throws in
            let reference = "OIP-00000002"
            var request = Myopenip_V1_CreateCompanyRequest()
            request.kind = .client
            request.name = "Société Clé"
            request.siren = testSiren(40)
            request.legalStatus = "SAS"
            let company = try await Self.twice("create-company") { try await admin.companies.create(request, options: $0) }
            var changed = company
            changed.website = "https://cle.example.fr"
            _ = try await Self.twice("update-company") {
                try await admin.companies.update(reference: company.reference, company: changed, fields: ["website"], options: $0)
            }

            let site = try await Self.twice("create-site") { try await Self.createSite(admin, "Keyed", options: $0) }
            _ = try await Self.twice("update-site") {
                try await admin.sites.update(id: site.id, fields: Self.siteFields("Keyed 2"), paths: ["name"], options: $0)
            }
            var contactFields = Myopenip_V1_ContactFields()
            contactFields.lastName = "Durand"
            let contact = try await Self.twice("create-contact") {
                try await admin.contacts.create(companyReference: reference, fields: contactFields, options: $0)
            }
            contactFields.firstName = "Léa"
            _ = try await Self.twice("update-contact") {
                try await admin.contacts.update(id: contact.id, fields: contactFields, paths: ["first_name"], options: $0)
            }
            try await Self.twice("delete-contact") { try await admin.contacts.delete(id: contact.id, options: $0) }
            try await Self.twice("delete-site") { try await admin.sites.delete(id: site.id, options: $0) }

            let right = try await Self.twice("create-right") {
                try await admin.rights.create(
                    companyReference: reference, name: "Lecture", templates: ["company_view"], options: $0)
            }
            _ = try await Self.twice("update-right") {
                try await admin.rights.update(id: right.id, name: "Lecture seule", options: $0)
            }
            let account = try await Self.twice("create-account") {
                try await admin.identity.createAccount(
                    displayName: "Léa Durand", email: "lea.durand@example.fr", kind: .clientUser, companyReference: reference,
                    options: $0)
            }
            _ = try await Self.twice("set-rights") {
                try await admin.rights.setUserRights(login: account.login, rightIDs: [right.id], options: $0)
            }
            _ = try await Self.twice("delete-right") { try await admin.rights.delete(id: right.id, options: $0) }
            _ = try await Self.twice("update-account") {
                try await admin.identity.updateAccount(login: account.login, displayName: "Léa D.", options: $0)
            }
            _ = try await Self.twice("reset-password") {
                try await admin.identity.resetPassword(login: account.login, options: $0)
            }
            _ = try await Self.twice("revoke") { try await admin.identity.revokeSessions(login: account.login, options: $0) }
            _ = try await Self.twice("disable") { try await admin.identity.disableAccount(login: account.login, options: $0) }
            _ = try await Self.twice("enable") { try await admin.identity.enableAccount(login: account.login, options: $0) }

            let mail = try #require(try await admin.mail.list(accountLogin: account.login).mails.first)
            _ = try await Self.twice("mark-sent") { try await admin.mail.markSent(id: mail.id, options: $0) }
            let terms = try await Self.twice("publish-terms") {
                try await admin.terms.publish(title: "CU", text: "Conditions", effectiveAt: "2017-02-15", options: $0)
            }
            let user = try await daemon.loggedIn(try await daemon.createActiveUser())
            _ = try await Self.twice("accept-terms") { try await user.terms.accept(version: terms.version, options: $0) }
            await user.close()
            let later = try await admin.terms.publish(title: "CU 2", text: "Conditions", effectiveAt: "2099-01-01")
            _ = try await Self.twice("withdraw-terms") { try await admin.terms.withdraw(version: later.version, options: $0) }
        }
    }
}
