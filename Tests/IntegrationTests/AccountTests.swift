import Foundation
import MyOpenIPClient
import Testing

@Suite("Identity: accounts")
struct AccountTests {
    @Test("bad account requests are refused with a clear message and write nothing")
    func validation() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let cases: [(String, String, Myopenip_V1_AccountKind, String, String, String)] = [
                ("", "a@example.fr", .clientUser, "OIP-00000002", "display_name", "Le nom est obligatoire"),
                ("Alice", "pas-un-email", .clientUser, "OIP-00000002", "email", "L'adresse e-mail n'est pas valide"),
                ("Alice", "a@example.fr", .unspecified, "", "kind", "Le type de compte est obligatoire"),
                (
                    "Alice", "a@example.fr", .clientUser, "", "company_reference",
                    "La référence de la société est obligatoire pour un utilisateur de société"
                ),
                (
                    "Alice", "a@example.fr", .partnerUser, "OIP-2", "company_reference",
                    "La référence de la société n'est pas valide (OIP- suivi de 8 chiffres)"
                ),
                (
                    "Alice", "a@example.fr", .operatorStaff, "OIP-00000002", "company_reference",
                    "Un compte du personnel OpenIP n'est rattaché à aucune société"
                ),
            ]
            for (name, email, kind, company, field, message) in cases {
                let error = await rpcError {
                    try await admin.identity.createAccount(displayName: name, email: email, kind: kind, companyReference: company)
                }
                #expect(error?.code == .invalidArgument, "\(field)")
                #expect(error?.field == field)
                #expect(error?.message == message)
            }
            #expect(try await admin.identity.listAccounts().accounts.isEmpty)
            #expect(try await admin.mail.list().mails.isEmpty)
            #expect(try await admin.audit.list().events.isEmpty)
            await admin.close()
        }
    }

    @Test("an email belongs to one account; logins follow each other and are never reused")
    func uniqueness() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let first = try await admin.identity.createAccount(displayName: "A", email: "a@example.fr", kind: .operatorStaff)
            let taken = await rpcError {
                try await admin.identity.createAccount(displayName: "B", email: "A@Example.FR", kind: .operatorStaff)
            }
            #expect(taken?.code == .alreadyExists)
            #expect(taken?.message == "Un compte existe déjà avec cette adresse e-mail")
            let second = try await admin.identity.createAccount(displayName: "B", email: "b@example.fr", kind: .operatorStaff)
            #expect([first.login, second.login] == ["E-0000000001", "E-0000000002"])
            await admin.close()
        }
    }

    @Test("a company user belongs to a company that exists, of the same kind")
    func companyOfTheAccount() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await daemon.ensureCompany("OIP-00000001", kind: .client)
            let missing = await rpcError {
                try await admin.identity.createAccount(
                    displayName: "A", email: "a@example.fr", kind: .clientUser, companyReference: "OIP-00000009")
            }
            #expect(missing?.code == .notFound)
            #expect(missing?.field == "company_reference")
            let mismatch = await rpcError {
                try await admin.identity.createAccount(
                    displayName: "A", email: "a@example.fr", kind: .partnerUser, companyReference: "OIP-00000001")
            }
            #expect(mismatch?.reason == "ACCOUNT_KIND_MISMATCH")
            #expect(mismatch?.message == "Le type de compte doit correspondre à la société (client)")
            _ = try await admin.identity.createAccount(
                displayName: "A", email: "a@example.fr", kind: .clientUser, companyReference: "oip-00000001")
            await admin.close()
        }
    }

    @Test("lists are paginated and filtered")
    func listing() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await daemon.ensureCompany("OIP-00000001", kind: .partner)
            try await daemon.ensureCompany("OIP-00000002", kind: .client)
            for index in 1...7 {
                let partner = index.isMultiple(of: 2)
                _ = try await admin.identity.createAccount(
                    displayName: "User \(index)", email: "u\(index)@example.fr", kind: partner ? .partnerUser : .clientUser,
                    companyReference: partner ? "OIP-00000001" : "OIP-00000002")
            }
            var logins: [String] = []
            var token = ""
            repeat {
                let page = try await admin.identity.listAccounts(pageSize: 3, pageToken: token)
                #expect(page.accounts.count <= 3)
                logins += page.accounts.map(\.login)
                token = page.nextPageToken
            } while !token.isEmpty
            #expect(logins == (1...7).map { "E-000000000\($0)" })
            #expect(try await admin.identity.listAccounts(kind: .partnerUser).accounts.count == 3)
            #expect(try await admin.identity.listAccounts(companyReference: "OIP-00000001").accounts.count == 3)
            #expect(try await admin.identity.listAccounts(state: .active).accounts.isEmpty)
            let badToken = await rpcError { try await admin.identity.listAccounts(pageToken: "zzz") }
            #expect(badToken?.field == "page_token")
            let tooBig = await rpcError { try await admin.identity.listAccounts(pageSize: 501) }
            #expect(tooBig?.field == "page_size")
            let unknown = await rpcError { try await admin.identity.account(login: "E-0000000099") }
            #expect(unknown?.code == .notFound)
            let malformed = await rpcError { try await admin.identity.account(login: "alice") }
            #expect(malformed?.code == .invalidArgument)
            let audit = try await admin.audit.list(action: "account.created", pageSize: 5)
            #expect(audit.events.count == 5)
            #expect(audit.events.first?.actor.hasPrefix("operator(uid=") == true)
            #expect(!audit.nextPageToken.isEmpty)
            await admin.close()
        }
    }

    @Test("accounts survive a restart of the daemon")
    func persistence() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try await TestDaemon.start(folder: folder)
        let admin = first.operatorClient()
        let created = try await admin.identity.createAccount(displayName: "A", email: "a@example.fr", kind: .operatorStaff)
        await admin.close()
        try await first.stop()

        let second = try await TestDaemon.start(folder: folder, socketPath: folder + "/e.sock")
        let again = second.operatorClient()
        #expect(try await again.identity.account(login: created.login).email == "a@example.fr")
        let next = try await again.identity.createAccount(displayName: "B", email: "b@example.fr", kind: .operatorStaff)
        #expect(next.login == "E-0000000002")
        await again.close()
        try await second.stop()
    }
}
