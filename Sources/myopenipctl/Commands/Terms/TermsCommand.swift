import ArgumentParser
import Foundation
import MyOpenIPClient

/// `myopenipctl terms …`: the terms of use.
struct TermsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms", abstract: "Publish, list, show and accept versions of the terms of use.",
        subcommands: [Publish.self, List.self, Show.self, Accept.self])

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a new version of the terms of use.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "The title.") var title: String
        @Option(help: "A UTF-8 text file with the terms ('-' reads standard input).") var textFile: String
        @Option(help: "When it comes into force: YYYY-MM-DD (midnight UTC) or an ISO-8601 time; default now.")
        var effective: String = ""

        func run() async throws {
            let data =
                textFile == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: textFile)
            guard let data, let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("cannot read \(textFile) as UTF-8 text")
            }
            let version = try await connection.withClient { client in
                try await client.terms.publish(title: title, text: text, effectiveAt: effective)
            }
            connection.json ? Output.printMessage(version) : Output.printFields(version.fields)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every version, newest first.")

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let versions = try await connection.withClient { client in try await client.terms.list() }
            if connection.json { return Output.printMessages(versions) }
            Output.printTable(
                header: ["VERSION", "EFFECTIVE", "IN FORCE", "TITLE"],
                rows: versions.map { [String($0.version), $0.effectiveAt.iso8601, $0.inForce ? "yes" : "", $0.title] })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the version in force, or one version, with its text.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "A version number; default: the one in force.") var version: Int64 = 0

        func run() async throws {
            let terms = try await connection.withClient { client in try await client.terms.get(version: version) }
            if connection.json { return Output.printMessage(terms) }
            Output.printFields(terms.fields)
            print("")
            print(terms.text)
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept the version in force, as the session of --token or MYOPENIP_TOKEN.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The version read, which must be the one in force.") var version: Int64

        func run() async throws {
            let accepted = try await connection.withClient { client in try await client.terms.accept(version: version) }
            connection.json
                ? Output.printMessage(accepted) : print("version \(accepted.version) accepted at \(accepted.acceptedAt.iso8601)")
        }
    }
}

extension Myopenip_V1_TermsVersion {
    var fields: [(String, String)] {
        [
            ("version", String(version)), ("title", title), ("effective", effectiveAt.iso8601), ("applicability", applicability),
            ("in force", inForce ? "yes" : "no"), ("published", "\(publishedAt.iso8601) by \(publishedBy)"),
        ]
    }
}
