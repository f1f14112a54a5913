import Foundation
import MyOpenIPClient
import MyOpenIPDomain
import Testing

/// A password that meets the policy.
let goodPassword = "Clichy-92110!"

extension TestDaemon {
    /// A client over the Unix socket with the test's own uid: the operator.
    func operatorClient() -> MyOpenIPClient { client(.unix) }

    /// Creates a client user through the operator and returns its account and the token of the
    /// link in its initialisation mail.
    func createUser(
        email: String = "user-\(UUID().uuidString.prefix(6).lowercased())@example.fr",
        kind: Myopenip_V1_AccountKind = .clientUser,
        company: String = "OIP-00000002"
    ) async throws -> (account: Myopenip_V1_Account, token: String) {
        let admin = operatorClient()
        defer { Task { await admin.close() } }
        if kind != .operatorStaff { try await ensureCompany(company, kind: kind == .partnerUser ? .partner : .client) }
        let account = try await admin.identity.createAccount(
            displayName: "Alice Martin", email: email, kind: kind,
            companyReference: kind == .operatorStaff ? "" : company)
        let mails = try await admin.mail.list(accountLogin: account.login)
        let mail = try #require(mails.mails.first)
        return (account, try #require(linkToken(in: mail.body)))
    }

    /// Creates the company `reference` of `kind` if it does not exist yet, with as many companies
    /// before it as its number needs (clients).
    func ensureCompany(_ reference: String, kind: Myopenip_V1_CompanyKind) async throws {
        let admin = operatorClient()
        defer { Task { await admin.close() } }
        guard await rpcError({ try await admin.companies.get(reference: reference) })?.code == .notFound,
            let number = Int(reference.dropFirst(4))
        else { return }
        let existing = try await admin.companies.list(pageSize: 500).companies.count
        for index in existing + 1...number {
            var request = Myopenip_V1_CreateCompanyRequest()
            request.kind = index == number ? kind : .client
            request.name = "Société \(index)"
            request.siren = testSiren(index)
            request.legalStatus = "SAS"
            _ = try await admin.companies.create(request)
        }
    }

    /// Creates a user whose password is set, and returns its login.
    func createActiveUser(kind: Myopenip_V1_AccountKind = .clientUser, company: String = "OIP-00000002") async throws -> String {
        let (_, token) = try await createUser(kind: kind, company: company)
        let user = client(.tcp)
        defer { Task { await user.close() } }
        return try await user.identity.setPassword(token: token, password: goodPassword, confirmation: goodPassword)
    }

    /// A client over `transport` logged in as `login`.
    func loggedIn(_ login: String, over transport: TestTransport = .tcp) async throws -> MyOpenIPClient {
        let user = client(transport)
        try await user.identity.login(identifier: login, password: goodPassword)
        return user
    }

    /// Publishes terms of use in force from 2017-02-15.
    @discardableResult
    func publishTerms(effectiveAt: String = "2017-02-15") async throws -> Myopenip_V1_TermsVersion {
        let admin = operatorClient()
        defer { Task { await admin.close() } }
        return try await admin.terms.publish(
            title: "Conditions d'utilisation de MY.OPENIP.FR", text: "PRÉAMBULE\nMyOpenIP est développé par la société OPENIP…",
            effectiveAt: effectiveAt)
    }
}

/// The token of the password link in a mail's text (`…?token=<token>`).
func linkToken(in body: String) -> String? {
    guard let range = body.range(of: "token=") else { return nil }
    let token = body[range.upperBound...].prefix { !$0.isWhitespace }
    return token.isEmpty ? nil : String(token)
}

/// A valid SIREN for `index`, from 900000000 up, clear of the real ones the tests use.
func testSiren(_ index: Int) -> String {
    Siren.completing(String(90_000_000 + index))!.description
}
