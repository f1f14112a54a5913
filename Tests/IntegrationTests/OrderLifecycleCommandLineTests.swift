import Foundation
import MyOpenIPClient
import Testing

@Suite(
    "Delivery, watching and termination from the command line",
    .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct OrderLifecycleCommandLineTests {
    @Test("operator staff deliver with the CLI while the client watches; the client terminates after the dry run")
    func deliverWatchTerminate() async throws {
        try await withTestDaemon { daemon async throws in
            let world = try await OrderingFixture.prepare(daemon)
            let admin = daemon.operatorClient()
            try await admin.catalogue.create(OrderingFixture.trunkSIP)
            let pilot = try await daemon.createActiveUser(kind: .operatorStaff, company: "")
            let user = try await world.clientUser(daemon)
            _ = try await user.quotes.place(quoteID: try await world.singleQuote(by: user).id, cgvVersion: world.cgvVersion)
            let token = try #require(user.sessionToken)
            let client = ["--address", "127.0.0.1:\(daemon.tcpPort)", "--token", token]
            func asOperator(_ arguments: [String]) async throws -> Executables.Outcome {
                try await Executables.run("myopenipctl", arguments + ["--socket", daemon.socketPath])
            }
            func asClient(_ arguments: [String]) async throws -> Executables.Outcome {
                try await Executables.run("myopenipctl", arguments + client, environment: ["MYOPENIP_TOKEN": ""])
            }

            // The client watches COM00001 while the operator delivers it.
            let watcher = try WatchingCommand(
                ["order", "watch", "COM00001", "--json"] + client, environment: ["MYOPENIP_TOKEN": ""])
            #expect(try watcher.read { $0.contains("\n") }.contains(#""current":true"#))

            let named = try await asOperator(["order", "assign-pilot", "COM00001", pilot])
            #expect(named.status == 0, "\(named.standardError)")
            let started = try await asOperator(["order", "advance", "COM00001", "in-progress"])
            #expect(started.status == 0 && started.standardOutput.contains("Commande en cours de livraison"))
            let wrong = try await asOperator(["order", "advance", "COM00001", "completed"])
            #expect(wrong.status == 64, "not a state an operator moves an order to")
            let delivered = try await asOperator(["order", "advance", "COM00001", "--offer", "OC00001", "active"])
            #expect(delivered.status == 0, "\(delivered.standardError)")
            #expect(delivered.standardOutput.contains("Commande livrée"))
            let watched = try watcher.read { $0.contains("CONTRACTED_OFFER_STATE_ACTIVE") }
            await watcher.stop()
            let lines = watched.split(separator: "\n")
            #expect(lines.count >= 5, "\(watched)")
            #expect(watched.contains("ORDER_STATE_COMPLETED"))

            let history = try await asClient(["offer", "history", "OC00001"])
            #expect(history.standardOutput.contains("Commande en cours de livraison"))
            #expect(history.standardOutput.contains("Commande livrée"))

            // The dry run shows the guide's figures and warnings; confirming needs an answer.
            let dryRun = try await asClient(["offer", "terminate", "OC00001", "--dry-run"])
            #expect(dryRun.status == 0, "\(dryRun.standardError)")
            #expect(dryRun.standardOutput.contains("date de résiliation effective"))
            #expect(dryRun.standardOutput.contains("toute récurrence entamée est due"))
            #expect(dryRun.standardOutput.contains("150,00 €"))
            let unanswered = try await asClient(["offer", "terminate", "OC00001"])
            #expect(unanswered.status == 64)
            #expect(unanswered.standardError.contains("Attention, cette action est irréversible !"))
            #expect(try await user.orders.offer(reference: "OC00001").offer.state == .active)
            let confirmed = try await asClient(["offer", "terminate", "OC00001", "--yes"])
            #expect(confirmed.status == 0, "\(confirmed.standardError)")
            #expect(confirmed.standardOutput.contains("Résiliation en cours"))
            let again = try await asClient(["offer", "terminate", "OC00001", "--yes"])
            #expect(again.status == 1 && again.standardError.contains("La résiliation de cette offre est déjà demandée"))
            let shown = try await asClient(["offer", "show", "OC00001"])
            #expect(shown.standardOutput.contains("résiliation") && shown.standardOutput.contains("Résiliation en cours"))
            await user.close()
            await admin.close()
        }
    }
}
