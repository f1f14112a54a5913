import Foundation
import MyOpenIPClient
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
        let account = try await admin.identity.createAccount(
            displayName: "Alice Martin", email: email, kind: kind,
            companyReference: kind == .operatorStaff ? "" : company)
        let mails = try await admin.mail.list(accountLogin: account.login)
        let mail = try #require(mails.mails.first)
        return (account, try #require(linkToken(in: mail.body)))
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
