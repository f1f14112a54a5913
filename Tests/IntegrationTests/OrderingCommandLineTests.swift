import Foundation
import MyOpenIPClient
import Testing

@Suite("Ordering from the command line", .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct OrderingCommandLineTests {
    @Test("a client's user builds a quote, orders it accepting the CGV, and reads the contracted offers as the guide lists them")
    func clientOrders() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let tcp = ["--address", "127.0.0.1:\(daemon.tcpPort)"]
            func ctl(_ arguments: [String], input: String? = nil) async throws -> Executables.Outcome {
                try await Executables.run("myopenipctl", arguments + tcp, environment: ["MYOPENIP_TOKEN": ""], input: input)
            }
            let login = try await ctl(
                ["login", world.clientLogin, "--password-stdin", "--token-only", "--timeout", "60"], input: goodPassword + "\n")
            let session = ["--token", login.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)]
            #expect(try await ctl(["terms", "accept", "1"] + session).status == 0)

            let created = try await ctl(["quote", "create", OrderingFixture.client, "--json"] + session)
            #expect(created.status == 0, "\(created.standardError)")
            let quote = try #require(json(created)["id"] as? String ?? (json(created)["id"] as? Int).map(String.init))
            let item = try await ctl(
                ["quote", "add-item", quote, "FIBRE-ENTREPRISE", "--site", "\(world.headOffice)", "--set", "bandwidth_mbps=500"]
                    + session)
            #expect(item.status == 0, "\(item.standardError)")
            #expect(item.standardOutput.contains("FIBRE OPTIQUE ENTREPRISE"))
            let refused = try await ctl(["quote", "place", quote, "--accept-cgv"] + session)
            #expect(refused.status == 1)
            #expect(
                refused.standardError.contains(
                    "Vous devez sélectionner au moins un contact sur site pour l'intervention du fournisseur"))
            #expect(
                try await ctl(
                    [
                        "quote", "add-contact", quote, "--contact", "\(world.smith)", "--function", "intervention", "--function",
                        "delivery",
                    ]
                        + session
                ).status == 0)
            let adHoc = try await ctl(
                [
                    "quote", "add-contact", quote, "--last-name", "Listen", "--email", "listen@ma-societe.fr", "--phone",
                    "0611223344", "--role", "Achats", "--function", "follow-up",
                ] + session)
            #expect(adHoc.standardOutput.contains("Contact ponctuel"), "\(adHoc.standardOutput)")
            let shown = try await ctl(["quote", "show", quote] + session)
            #expect(shown.standardOutput.contains("TVA 20 %") && shown.standardOutput.contains("478,80 €"))

            let placed = try await ctl(["quote", "place", quote, "--accept-cgv"] + session)
            #expect(placed.status == 0, "\(placed.standardError)")
            #expect(placed.standardOutput.contains("COM00001") && placed.standardOutput.contains("OC00001"))
            #expect(placed.standardError.contains("CGV acceptées"))

            let offers = try await ctl(["offer", "list"] + session)
            for column in ["PILOTE", "RÉF. DERNIÈRE COMMANDE", "CLIENT FINAL", "DATE DE LIVRAISON"] {
                #expect(offers.standardOutput.contains(column))
            }
            for cell in ["Aucun", "OC00001", "COM00001", "Ma Société", "Pas encore livrée", "Commande déposée", "Création"] {
                #expect(offers.standardOutput.contains(cell), "\(cell)")
            }
            let detail = try await ctl(["offer", "show", "OC00001"] + session)
            #expect(detail.standardOutput.contains("Liste des offres contractées / FIBRE OPTIQUE ENTREPRISE [OC00001]"))
            #expect(detail.standardOutput.contains("Historique des opérations"))
            let orders = try await ctl(["order", "list", "--json"] + session)
            #expect(orders.standardOutput.contains("\"reference\" : \"COM00001\""))
        }
    }

    func json(_ outcome: Executables.Outcome) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8))) as? [String: Any] ?? [:]
    }
}
