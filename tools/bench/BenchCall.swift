import ArgumentParser
import Foundation
import MyOpenIPClient

/// What each measured call does.
enum BenchCall: String, ExpressibleByArgument, CaseIterable {
    /// `grpc.health.v1.Health/Check`: public, no authentication, no database.
    case health
    /// `IdentityService/WhoAmI` with a session token: the authenticated path (session lookup,
    /// terms check) plus one account read.
    case whoami
    /// `IdentityService/Login` with the right password: the scrypt KDF, then a session written.
    case login

    static let password = "Bench-Mark-2026!"

    var title: String {
        switch self {
        case .health: return "Health/Check round trips"
        case .whoami: return "authenticated WhoAmI round trips"
        case .login: return "Login round trips (scrypt N=2^15, r=8, p=1)"
        }
    }

    /// Makes the account the authenticated calls use, through the operator's Unix socket, and
    /// returns its login.
    static func prepareAccount(socketPath: String) async throws -> String {
        let admin = MyOpenIPClient(unixSocketPath: socketPath)
        defer { Task { await admin.close() } }
        let account = try await admin.identity.createAccount(
            displayName: "Bench", email: "bench-\(UUID().uuidString.prefix(8).lowercased())@example.fr", kind: .operatorStaff)
        let mail = try await admin.mail.list(accountLogin: account.login).mails.first
        guard let body = mail?.body, let range = body.range(of: "token=") else {
            throw ValidationError("the initialisation mail of \(account.login) has no link")
        }
        let token = String(body[range.upperBound...].prefix { !$0.isWhitespace })
        _ = try await admin.identity.setPassword(token: token, password: password, confirmation: password)
        return account.login
    }

    /// One call on `client`.
    func perform(on client: MyOpenIPClient, login: String) async throws {
        switch self {
        case .health: _ = try await client.health.check()
        case .whoami: _ = try await client.identity.whoAmI()
        case .login: try await client.identity.login(identifier: login, password: Self.password)
        }
    }
}
