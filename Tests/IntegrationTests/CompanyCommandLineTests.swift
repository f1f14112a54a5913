import Foundation
import Testing

@Suite("myopenipctl: company verbs", .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct CompanyCommandLineTests {
    @Test func companiesSitesContactsUsersAndRightsThroughTheCommandLine() async throws {
        try await withTestDaemon { daemon async throws in
            let socket = ["--socket", daemon.socketPath]
            func ctl(_ arguments: [String]) async throws -> Executables.Outcome {
                let outcome = try await Executables.run("myopenipctl", arguments + socket, environment: ["MYOPENIP_TOKEN": ""])
                #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
                return outcome
            }
            func json(_ outcome: Executables.Outcome) -> Any? {
                try? JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8))
            }

            _ = try await ctl([
                "company", "create", "--kind", "partner", "--name", "Réseau Partenaire", "--siren", "443061841", "--legal-status",
                "SAS",
            ])
            let client = try await ctl([
                "company", "create", "--kind", "client", "--partner", "OIP-00000001", "--name", "Ma Société", "--siren",
                "552 081 317",
                "--legal-status", "EI", "--mail-commercial", "toto@openip.fr",
            ])
            #expect(client.standardOutput.contains("FR03552081317"))
            let list = try await ctl(["company", "list", "--by-name"])
            #expect(list.standardOutput.contains("OIP-00000002  Ma Société"))
            let updated = try await ctl([
                "company", "update", "OIP-00000002", "--website", "https://ma-societe.fr", "--state", "suspended", "--json",
            ])
            #expect((json(updated) as? [String: Any])?["state"] as? String == "COMPANY_STATE_SUSPENDED")

            let createSite = [
                "site", "create", "OIP-00000002", "--name", "Site de Clichy", "--street", "37-39 rue de Neuilly", "--postcode",
                "92110",
                "--city", "Clichy", "--iban", "FR76 3000 6000 0112 3456 7890 189", "--bic", "BNPAFRPP", "--holder", "Ma Société",
                "--json",
                "--idempotency-key", "-clichy-1",
            ]
            let site = try await ctl(createSite)
            let siteID = try #require(((json(site) as? [String: Any])?["id"] as? String).flatMap { Int64($0) })
            // Run again with its key, the command changes nothing and prints the same site.
            let rerun = try await ctl(createSite)
            #expect(rerun.status == 0, "\(rerun.standardError)")
            #expect(rerun.standardOutput == site.standardOutput)
            #expect(try await ctl(["site", "list", "OIP-00000002"]).standardOutput.contains("Siège Social (head office)"))
            _ = try await ctl([
                "contact", "create", "OIP-00000002", "--last-name", "Martin", "--first-name", "Alice", "--email",
                "alice@example.fr",
                "--phone", "01 47 56 00 00", "--role", "Responsable technique", "--site", String(siteID),
            ])
            let contacts = try await ctl(["contact", "list", "OIP-00000002"])
            #expect(contacts.standardOutput.contains("Alice Martin"))
            #expect(contacts.standardOutput.contains("Site de Clichy"))

            let right = try await ctl([
                "right", "create", "OIP-00000002", "--name", "Comptable", "--template", "company_view", "--template",
                "billing_view", "--json",
            ])
            let rightID = try #require(((json(right) as? [String: Any])?["id"] as? String).flatMap { Int64($0) })
            let user = try await ctl([
                "user", "create", "OIP-00000002", "--name", "Paul Durand", "--email", "paul@ma-societe.fr", "--right",
                String(rightID),
            ])
            #expect(user.standardOutput.contains("Comptable"))
            #expect(try await ctl(["user", "list", "OIP-00000002"]).standardOutput.contains("Paul Durand"))
            let users =
                (json(try await ctl(["user", "list", "OIP-00000002", "--json"])) as? [String: Any])?["accounts"]
                as? [[String: Any]]
            let paul = try #require(users?.first { $0["display_name"] as? String == "Paul Durand" }?["login"] as? String)
            #expect(try await ctl(["user", "disable", paul, "--yes"]).standardOutput.contains("Désactivé(e)"))
            #expect(try await ctl(["user", "enable", paul]).standardOutput.contains("En attente du mot de passe"))
            #expect(try await ctl(["user", "reset-password", paul]).standardOutput.contains("a new link was queued for \(paul)"))
            #expect(try await ctl(["user", "revoke-sessions", paul]).standardOutput.contains("0 session(s) of \(paul) closed"))
            #expect(try await ctl(["right", "templates"]).standardOutput.contains("Informations société - Modifier"))
            #expect(try await ctl(["right", "list", "OIP-00000002"]).standardOutput.contains("Administrateur tout Univers"))
            let audit = try await ctl(["audit", "list", "--company", "OIP-00000002"])
            for action in ["company.created", "company.updated", "site.created", "contact.created", "right.created"] {
                #expect(audit.standardOutput.contains(action), "\(action)")
            }
            let bad = try await Executables.run(
                "myopenipctl",
                ["company", "create", "--kind", "client", "--name", "X", "--siren", "123456789", "--legal-status", "SAS"] + socket
            )
            #expect(bad.status == 1)
            #expect(bad.standardError.contains("Le numéro SIREN n'est pas valide"))
        }
    }
}
