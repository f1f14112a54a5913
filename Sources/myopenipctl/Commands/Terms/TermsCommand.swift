import ArgumentParser
import MyOpenIPClient

/// `myopenipctl terms …`: the terms of use.
struct TermsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms", abstract: "Publish, withdraw, list, show and accept versions of the terms of use.",
        subcommands: [
            TermsPublish<TermsOfUseKind>.self, TermsWithdraw<TermsOfUseKind>.self, TermsList<TermsOfUseKind>.self,
            TermsShow<TermsOfUseKind>.self, Accept.self,
        ])

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept the version in force, as the session of --token or MYOPENIP_TOKEN.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The version read, which must be the one in force.") var version: Int64

        func run() async throws {
            let accepted = try await connection.withClient { client in try await client.terms.accept(version: version) }
            connection.json
                ? Output.printMessage(accepted) : print("version \(accepted.version) accepted on \(accepted.acceptedAt.shown)")
        }
    }
}
