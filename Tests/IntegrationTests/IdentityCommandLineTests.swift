import Foundation
import Testing

@Suite("myopenipctl: identity verbs", .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct IdentityCommandLineTests {
    @Test func aNewUserThroughTheCommandLine() async throws {
        try await withTestDaemon { daemon async throws in
            let socket = ["--socket", daemon.socketPath]
            let tcp = ["--address", "127.0.0.1:\(daemon.tcpPort)"]
            func ctl(_ arguments: [String], input: String? = nil) async throws -> Executables.Outcome {
                try await Executables.run("myopenipctl", arguments, environment: ["MYOPENIP_TOKEN": ""], input: input)
            }
            func json(_ outcome: Executables.Outcome) -> [String: Any] {
                (try? JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8))) as? [String: Any] ?? [:]
            }

            let textFile = daemon.folder + "/cu.txt"
            try "CONDITIONS D'UTILISATION DE MY.OPENIP.FR\n".write(toFile: textFile, atomically: true, encoding: .utf8)
            let published = try await ctl(
                ["terms", "publish", "--title", "CU", "--text-file", textFile, "--effective", "2017-02-15"] + socket)
            #expect(published.status == 0, "\(published.standardError)")
            #expect(published.standardOutput.contains("Version de Conditions d'Utilisation applicable au 15 Février 2017"))

            let company = try await ctl(
                [
                    "company", "create", "--kind", "client", "--name", "Ma Société", "--siren", "552081317",
                    "--legal-status", "EI", "--json",
                ] + socket)
            #expect(json(company)["reference"] as? String == "OIP-00000001", "\(company.standardError)")
            #expect(json(company)["vat_number"] as? String == "FR03552081317")
            let created = try await ctl(
                [
                    "account", "create", "--name", "Alice Martin", "--email", "alice@example.fr",
                    "--kind", "client-user", "--company", "OIP-00000001", "--json",
                ] + socket)
            #expect(created.status == 0, "\(created.standardError)")
            #expect(json(created)["login"] as? String == "E-0000000001")

            let mails = try await ctl(["mail", "list", "--account", "E-0000000001", "--json"] + socket)
            let mailID = try #require(((json(mails)["mails"] as? [[String: Any]])?.first?["id"] as? String).flatMap { Int($0) })
            let shown = try await ctl(["mail", "show", String(mailID)] + socket)
            #expect(shown.standardOutput.contains("Merci de cliquer sur le lien pour initialiser votre mot de passe"))
            let token = try #require(linkToken(in: shown.standardOutput))

            let weak = try await ctl(
                ["password", "set", "--link-token", token, "--password-stdin"] + tcp, input: "faible\nfaible\n")
            #expect(weak.status == 1)
            #expect(weak.standardError.contains("Votre mot de passe doit comporter au moins 8 caractères"))
            let set = try await ctl(
                ["password", "set", "--link-token", token, "--password-stdin", "--timeout", "60"] + tcp,
                input: "\(goodPassword)\n\(goodPassword)\n")
            #expect(set.status == 0, "\(set.standardError)")
            #expect(set.standardOutput.contains("password set for E-0000000001"))

            let login = try await ctl(
                ["login", "E-0000000001", "--password-stdin", "--token-only", "--timeout", "60"] + tcp, input: goodPassword + "\n"
            )
            #expect(login.status == 0, "\(login.standardError)")
            let session = login.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(session.count == 43)

            let before = try await ctl(["whoami", "--token", session] + tcp)
            #expect(before.status == 0, "\(before.standardError)")
            #expect(before.standardOutput.contains("E-0000000001"))
            let gated = try await ctl(["right", "templates", "--token", session] + tcp)
            #expect(gated.status == 1)
            #expect(gated.standardError.contains("TERMS_NOT_ACCEPTED"))
            #expect(try await ctl(["terms", "accept", "1", "--token", session] + tcp).status == 0)
            let me = try await Executables.run(
                "myopenipctl", ["whoami", "--json"] + tcp, environment: ["MYOPENIP_TOKEN": session])
            #expect((json(me)["account"] as? [String: Any])?["login"] as? String == "E-0000000001")
            let operatorSelf = try await ctl(["whoami"] + socket)
            #expect(operatorSelf.standardOutput.contains("over the Unix socket"))

            #expect(try await ctl(["logout", "--token", session] + tcp).status == 0)
            let after = try await ctl(["whoami", "--token", session] + tcp)
            #expect(after.status == 1)
            #expect(after.standardError.contains("SESSION_INVALID"))

            let audit = try await ctl(["audit", "list", "--account", "E-0000000001"] + socket)
            for action in ["account.created", "password.set", "login.succeeded", "terms.accepted", "session.revoked"] {
                #expect(audit.standardOutput.contains(action), "\(action)")
            }
            let list = try await ctl(["account", "list"] + socket)
            #expect(list.standardOutput.contains("E-0000000001  Alice Martin"))
            let disabled = try await ctl(["account", "disable", "E-0000000001", "--yes"] + socket)
            #expect(disabled.standardOutput.contains("Désactivé(e)"))
            let reset = try await ctl(["account", "reset-password", "E-0000000001"] + socket)
            #expect(reset.status == 1)
            #expect(try await ctl(["account", "enable", "E-0000000001"] + socket).status == 0)
            #expect(try await ctl(["account", "reset-password", "E-0000000001"] + socket).status == 0)
            #expect(try await ctl(["account", "revoke-sessions", "E-0000000001"] + socket).status == 0)
            #expect(try await ctl(["terms", "list"] + socket).standardOutput.contains("En vigueur"))
            #expect(
                try await ctl(["account", "create", "--name", "X", "--email", "x@example.fr", "--kind", "bogus"] + socket).status
                    == 64)
            #expect(try await ctl(["account", "show", "E-0000000099"] + socket).status == 1)
        }
    }

    @Test func aForgottenPasswordThroughTheCommandLine() async throws {
        try await withTestDaemon { daemon async throws in
            let (account, _) = try await daemon.createUser()
            daemon.clock.advance(by: .seconds(6 * 60))  // past the quiet period after the first link
            let tcp = ["--address", "127.0.0.1:\(daemon.tcpPort)"]
            let known = try await Executables.run("myopenipctl", ["password", "forgot", account.email] + tcp)
            #expect(known.status == 0, "\(known.standardError)")
            let unknown = try await Executables.run("myopenipctl", ["password", "forgot", "personne@example.fr"] + tcp)
            #expect(unknown.status == 0)
            #expect(unknown.standardOutput == known.standardOutput)
            let admin = daemon.operatorClient()
            let mails = try await admin.mail.list(accountLogin: account.login).mails
            #expect(mails.map(\.template) == ["password_reset", "password_initialisation"])
            await admin.close()
        }
    }
}
