import GRDB

/// Facts about this installation of the daemon: its id and when its database was created.
public struct Installation: Sendable, Hashable {
    public var id: String
    public var createdAt: String
}

extension Store {
    /// Reads the installation facts written by the first migration.
    public func installation() async throws -> Installation {
        try await reads.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM installation")
            var values: [String: String] = [:]
            for row in rows { values[row["key"]] = row["value"] }
            return Installation(id: values["id"] ?? "", createdAt: values["created_at"] ?? "")
        }
    }
}
