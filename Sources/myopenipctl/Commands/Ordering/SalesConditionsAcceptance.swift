import ArgumentParser
import Foundation
import MyOpenIPClient

/// How an order accepts the CGV on the command line: `--accept-cgv` accepts the version in force
/// (read and shown first), `--cgv-version N` names it, so that a script accepts what it read.
struct SalesConditionsAcceptance: ParsableArguments {
    @Flag(help: "Accept the CGV version in force (see cgv show).") var acceptCgv = false
    @Option(help: "Accept this CGV version, which must be the one in force.") var cgvVersion: Int64?

    /// The version accepted.
    func version(_ client: MyOpenIPClient) async throws -> Int64 {
        if let cgvVersion { return cgvVersion }
        guard acceptCgv else {
            throw CommandFailure.usage(
                "Merci de valider votre commande en acceptant les CGV: --accept-cgv (or --cgv-version N; see cgv show)")
        }
        let inForce = try await client.terms.get(version: 0, document: .salesConditions)
        FileHandle.standardError.write(Data("CGV acceptées : \(inForce.title) (version \(inForce.version))\n".utf8))
        return inForce.version
    }
}
