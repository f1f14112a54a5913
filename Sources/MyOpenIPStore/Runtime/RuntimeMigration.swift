import Foundation
import GRDB

/// The tables the runtime itself needs, before any domain: facts about the installation.
enum RuntimeMigration {
    static func v1(_ db: Database) throws {
        try db.create(table: "installation") { table in
            table.primaryKey("key", .text)
            table.column("value", .text).notNull()
        }
        let now = ISO8601DateFormatter().string(from: Date())
        try db.execute(
            sql: "INSERT INTO installation (key, value) VALUES ('id', ?), ('created_at', ?)",
            arguments: [UUID().uuidString.lowercased(), now])
    }
}

extension StoreMigration {
    /// `v1_runtime`.
    public static let runtime = StoreMigration(version: 1, name: "runtime", migrate: RuntimeMigration.v1)
}
