import ArgumentParser
import Foundation
import MyOpenIPClient

/// `myopenipctl backup --out FILE`: a consistent copy of the live database.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Operator: write a consistent copy of the live database to a new file, while the daemon serves.",
        discussion: """
            Every write acknowledged before the command began is in the copy. Bring it back with \
            the daemon stopped: myopenipd --restore FILE (same --data-dir), then start the daemon.
            """)

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "The file to write (it must not exist).") var out: String

    func run() async throws {
        let summary = try await connection.withClient(timeout: nil) { client in
            try await client.operations.backup(to: out)
        }
        if connection.json {
            Output.printJSON([
                "file": summary.path, "bytes": summary.bytes, "schema": summary.schema, "sha256": summary.sha256,
                "taken_at": ISO8601DateFormatter().string(from: summary.takenAt),
            ])
        } else {
            print("\(summary.path): \(summary.bytes) octets, schéma \(summary.schema), SHA-256 \(summary.sha256)")
        }
    }
}
