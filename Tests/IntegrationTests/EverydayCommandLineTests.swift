import Foundation
import MyOpenIPClient
import Testing

/// The operator's everyday use of myopenipctl: errors one can act on, confirmations, the portal's
/// labels and times, lists of one shape, one command for a company's whole page.
@Suite("myopenipctl: everyday use", .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct EverydayCommandLineTests {
    /// Runs myopenipctl against the daemon's socket, without a session from the environment.
    static func ctl(
        _ daemon: TestDaemon, _ arguments: [String], input: String? = nil
    ) async throws -> Executables.Outcome {
        try await Executables.run(
            "myopenipctl", arguments + ["--socket", daemon.socketPath], environment: ["MYOPENIP_TOKEN": ""], input: input)
    }

    static func json(_ outcome: Executables.Outcome) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8))) as? [String: Any] ?? [:]
    }

    @Test("errors name their field and every password rule broken; bad flags say what is wrong")
    func errors() async throws {
        try await withTestDaemon { daemon async throws in
            try await daemon.ensureCompany("OIP-00000002", kind: .client)
            let mail = try await Self.ctl(daemon, ["company", "update", "OIP-00000002", "--mail-technical", "pas-une-adresse"])
            #expect(mail.status == 1)
            #expect(
                mail.standardError.contains("error: mails.technical: L'adresse e-mail n'est pas valide"), "\(mail.standardError)")

            let (_, token) = try await daemon.createUser()
            let weak = try await Self.ctl(
                daemon, ["password", "set", "--link-token", token, "--password-stdin"], input: "abc\nabc\n")
            #expect(weak.status == 1)
            for rule in [
                "au moins 8 caractères", "au moins 1 majuscule", "au moins 1 chiffre", "au moins 1 caractère spécial",
            ] {
                #expect(weak.standardError.contains("Votre mot de passe doit comporter \(rule)"), "\(rule)")
            }
            let oneLine = try await Self.ctl(
                daemon, ["password", "set", "--link-token", token, "--password-stdin"], input: "Secret-92110!\n")
            #expect(oneLine.status == 64)
            #expect(oneLine.standardError.contains("--password-stdin reads 2 lines"), "\(oneLine.standardError)")
            #expect(oneLine.standardError.contains("standard input had 1"))

            let timeout = try await Self.ctl(daemon, ["health", "--timeout", "-1"])
            #expect(timeout.status == 64)
            #expect(timeout.standardError.contains("--timeout must be a positive number of seconds"), "\(timeout.standardError)")
            let missing = try await Self.ctl(daemon, ["terms", "publish", "--title", "CU", "--text-file", "/nowhere/cu.txt"])
            #expect(missing.status == 64)
            #expect(missing.standardError.contains("/nowhere/cu.txt does not exist"), "\(missing.standardError)")
            // An idempotency key means nothing to a read: the option is not offered there.
            let keyedRead = try await Self.ctl(daemon, ["company", "list", "--idempotency-key", "k-1"])
            #expect(keyedRead.status == 64)
            #expect(
                try await Self.ctl(daemon, ["company", "update", "OIP-00000002", "--comment", "x", "--idempotency-key", "k-1"])
                    .status == 0)
            let logout = try await Self.ctl(daemon, ["logout", "--token", "not-a-session"])
            #expect(logout.status == 1)
            #expect(logout.standardError.contains("this token is not an open session"), "\(logout.standardError)")
            let version = try await Executables.run("myopenipctl", ["--version"])
            #expect(version.status == 0)
            #expect(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        }
    }

    @Test("destructive commands ask first: --yes in scripts, --none to take every right away")
    func confirmations() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            try await daemon.ensureCompany("OIP-00000002", kind: .client)
            var fields = Myopenip_V1_SiteFields()
            fields.name = "Site de Clichy"
            fields.address.street = "37-39 rue de Neuilly"
            fields.address.postcode = "92110"
            fields.address.city = "Clichy"
            let site = try await admin.sites.create(companyReference: "OIP-00000002", fields: fields)
            let login = try await daemon.createActiveUser()
            try await admin.rights.setUserRights(login: login, rightIDs: [1])

            let unconfirmed = try await Self.ctl(daemon, ["site", "delete", String(site.id)])
            #expect(unconfirmed.status == 64)
            #expect(unconfirmed.standardError.contains("add --yes"))
            #expect(try await admin.sites.list(companyReference: "OIP-00000002").count == 2)
            let disable = try await Self.ctl(daemon, ["user", "disable", login])
            #expect(disable.status == 64)
            #expect(try await admin.identity.account(login: login).state == .active)

            let noIDs = try await Self.ctl(daemon, ["right", "assign", login])
            #expect(noIDs.status == 64)
            #expect(noIDs.standardError.contains("--none"))
            #expect(try await Self.ctl(daemon, ["right", "assign", login, "--none"]).status == 64)
            #expect(try await admin.rights.held(by: login).count == 1)
            let none = try await Self.ctl(daemon, ["right", "assign", login, "--none", "--yes"])
            #expect(none.status == 0, "\(none.standardError)")
            #expect(none.standardOutput.contains("holds no right"))
            #expect(try await Self.ctl(daemon, ["site", "delete", String(site.id), "--yes"]).status == 0)
            await admin.close()
        }
    }

    @Test("tables speak the portal's language and time; JSON lists have one shape; a company's page in one command")
    func labelsListsAndPages() async throws {
        try await withTestDaemon { daemon async throws in
            let created = try await Self.ctl(
                daemon,
                ["company", "create", "--kind", "client", "--name", "Ma Société", "--siren", "552081317", "--legal-status", "EI"])
            #expect(created.status == 0, "\(created.standardError)")
            for label in ["Activé(e)", "EI - Entreprise individuelle", "Saine", "Aucune", "Client"] {
                #expect(created.standardOutput.contains(label), "\(label)")
            }
            // Europe/Paris to the minute in tables; UTC RFC 3339 in JSON.
            let shownTime = try #require(
                created.standardOutput.split(separator: "\n").first { $0.hasPrefix("created:") })
            #expect(shownTime.wholeMatch(of: /created: +\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/) != nil, "\(shownTime)")
            let json = Self.json(try await Self.ctl(daemon, ["company", "show", "OIP-00000001", "--json"]))
            #expect((json["created_at"] as? String)?.hasSuffix("Z") == true)

            let login = try await daemon.createActiveUser(company: "OIP-00000001")
            #expect(try await Self.ctl(daemon, ["right", "assign", login, "1"]).status == 0)
            let user = try await Self.ctl(daemon, ["user", "show", login])
            #expect(user.standardOutput.contains("Administrateur tout Univers"))
            #expect(user.standardOutput.contains("Activé(e)"))
            let right = try await Self.ctl(daemon, ["right", "show", "1", "--company", "OIP-00000001"])
            #expect(right.standardOutput.contains(login), "\(right.standardError)")
            let renamed = try await Self.ctl(daemon, ["user", "update", login, "--email", "nouvelle@example.fr"])
            #expect(renamed.standardOutput.contains("nouvelle@example.fr"), "\(renamed.standardError)")

            // Every list prints an object: its items and the next page token, even when empty.
            for (command, key) in [
                (["company", "list"], "companies"), (["site", "list", "OIP-00000001"], "sites"),
                (["contact", "list", "OIP-00000001"], "contacts"), (["right", "list", "OIP-00000001"], "rights"),
                (["user", "list", "OIP-00000001"], "accounts"), (["account", "list", "--kind", "operator-staff"], "accounts"),
                (["terms", "list"], "versions"), (["mail", "list", "--unsent"], "mails"), (["audit", "list"], "events"),
            ] {
                let list = Self.json(try await Self.ctl(daemon, command + ["--json"]))
                #expect(list[key] is [Any], "\(command)")
                #expect(list["next_page_token"] is String, "\(command)")
            }

            let page = try await Self.ctl(daemon, ["company", "show", "OIP-00000001", "--all"])
            #expect(page.status == 0, "\(page.standardError)")
            for section in ["SITES", "Siège Social", "CONTACTS", "RIGHTS", "Univers Client", "USERS", login] {
                #expect(page.standardOutput.contains(section), "\(section)")
            }

            // The audit trail reads at 80 columns: one change a line.
            let audit = try await Self.ctl(daemon, ["audit", "list", "--account", login])
            #expect(audit.standardOutput.contains("email: "), "\(audit.standardOutput)")
            #expect(audit.standardOutput.contains(" → nouvelle@example.fr"))
            for line in audit.standardOutput.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        }
    }
}
