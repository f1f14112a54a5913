import ArgumentParser
import Foundation
import MyOpenIPClient

/// `publish`: a new version of `Kind`'s document.
struct TermsPublish<Kind: TermsDocumentKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "publish", abstract: "Publish a new version of \(Kind.name).")
    }

    @OptionGroup var connection: WriteOptions
    @Option(help: "The title.") var title: String
    @Option(help: "A UTF-8 text file with \(Kind.textName) ('-' reads standard input).") var textFile: String
    @Option(help: "When it comes into force: YYYY-MM-DD (midnight UTC) or an ISO-8601 time; default now.")
    var effective: String = ""

    func run() async throws {
        let text = try TermsText.read(textFile)
        let version = try await connection.withClient { client in
            try await client.terms.publish(title: title, text: text, effectiveAt: effective, document: Kind.document)
        }
        connection.json ? Output.printMessage(version) : Output.printFields(version.fields)
    }
}

/// `withdraw`: a version not yet in force (version numbers are shared by both documents).
struct TermsWithdraw<Kind: TermsDocumentKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "withdraw", abstract: "Withdraw a version not yet in force: it will never come into force.")
    }

    @OptionGroup var connection: WriteOptions
    @OptionGroup var confirmation: ConfirmationFlag
    @Argument(help: "The version (see \(Kind.commandName) list).") var version: Int64

    func run() async throws {
        try Confirmation.require("Withdraw version \(version) of \(Kind.name)?", yes: confirmation.yes)
        let terms = try await connection.withClient { client in try await client.terms.withdraw(version: version) }
        connection.json ? Output.printMessage(terms) : Output.printFields(terms.fields)
    }
}

/// `list`: every version of `Kind`'s document.
struct TermsList<Kind: TermsDocumentKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List every version, newest first.")
    }

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let versions = try await connection.withClient { client in try await client.terms.list(document: Kind.document) }
        if connection.json { return Output.printList("versions", versions) }
        Output.printTable(
            header: ["VERSION", "EFFECTIVE", "STATE", "TITLE"],
            rows: versions.map { [String($0.version), $0.effectiveAt.shown, $0.state.label, $0.title] })
    }
}

/// `show`: the version of `Kind`'s document in force, or one version.
struct TermsShow<Kind: TermsDocumentKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "show", abstract: "Show the version in force, or one version, with its text.")
    }

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "A version number; default: the one in force.") var version: Int64 = 0

    func run() async throws {
        let terms = try await connection.withClient { client in
            try await client.terms.get(version: version, document: Kind.document)
        }
        if connection.json { return Output.printMessage(terms) }
        Output.printFields(terms.fields)
        print("")
        print(terms.text)
    }
}

/// The text of a version to publish.
enum TermsText {
    /// A UTF-8 file, or standard input for `-`; each failure says what is wrong.
    static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw CommandFailure.usage("--text-file: \(path) does not exist")
            }
            guard !isFolder.boolValue else { throw CommandFailure.usage("--text-file: \(path) is a folder, not a file") }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandFailure.usage("--text-file: \(path) cannot be read (permissions?)")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure.usage("--text-file: \(path == "-" ? "standard input" : path) is not UTF-8 text")
        }
        return text
    }
}

extension Myopenip_V1_TermsVersion {
    var fields: [(String, String)] {
        [
            ("version", String(version)), ("title", title), ("effective", effectiveAt.shown), ("applicability", applicability),
            ("state", state.label), ("published", "\(publishedAt.shown) by \(publishedBy)"),
        ] + (hasWithdrawnAt ? [("withdrawn", "\(withdrawnAt.shown) by \(withdrawnBy)")] : [])
    }
}
