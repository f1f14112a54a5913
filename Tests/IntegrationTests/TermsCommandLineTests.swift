import Foundation
import Testing

@Suite("myopenipctl: terms and cgv verbs", .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct TermsCommandLineTests {
    @Test func salesConditionsThroughTheCommandLine() async throws {
        try await withTestDaemon { daemon async throws in
            func ctl(_ arguments: [String]) async throws -> Executables.Outcome {
                try await EverydayCommandLineTests.ctl(daemon, arguments)
            }
            let textFile = daemon.folder + "/cgv.txt"
            try "CONDITIONS GÉNÉRALES DE VENTE\nArticle 1 – Objet\n".write(toFile: textFile, atomically: true, encoding: .utf8)

            let published = try await ctl(
                ["cgv", "publish", "--title", "CGV 2017", "--text-file", textFile, "--effective", "2017-02-15"])
            #expect(published.status == 0, "\(published.standardError)")
            #expect(published.standardOutput.contains("Version de Conditions Générales de Vente applicable au 15 Février 2017"))
            #expect(published.standardOutput.contains("En vigueur"))

            let shown = try await ctl(["cgv", "show"])
            #expect(shown.status == 0, "\(shown.standardError)")
            #expect(shown.standardOutput.contains("CGV 2017"))
            #expect(shown.standardOutput.contains("Article 1 – Objet"))
            let json = try await ctl(["cgv", "show", "--json"])
            #expect(EverydayCommandLineTests.json(json)["document"] as? String == "TERMS_DOCUMENT_SALES_CONDITIONS")
            #expect(try await ctl(["cgv", "list"]).standardOutput.contains("CGV 2017"))

            // The terms of use are another document: none is in force, none is listed.
            let terms = try await ctl(["terms", "show"])
            #expect(terms.status == 1)
            #expect(terms.standardError.contains("Aucune version des conditions d'utilisation n'est en vigueur"))
            #expect(!(try await ctl(["terms", "list"]).standardOutput.contains("CGV 2017")))
            // Sales conditions are accepted with an order, not here.
            #expect(try await ctl(["cgv", "accept", "1"]).status == 64)
            let inForce = try await ctl(["cgv", "withdraw", "1", "--yes"])
            #expect(inForce.status == 1)
            #expect(inForce.standardError.contains("TERMS_ALREADY_IN_FORCE"))
        }
    }
}
