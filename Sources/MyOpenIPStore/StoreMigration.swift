import GRDB

/// One schema change of one domain. Each domain declares its migrations beside its repositories
/// (`StoreMigration.sitesAndContacts`) and lists them in its entry; the store applies the
/// migrations of every domain it is opened with in version order.
///
/// Migrations are append-only: a landed one is never edited; a change is a new migration with
/// the next free version number, whatever its domain, so that the order of the tables every
/// database went through stays the same.
public struct StoreMigration: Sendable {
    /// The position in the order of all migrations (1, 2, …); unique across domains.
    public let version: Int
    /// What it does, in snake case (`sites_contacts`).
    public let name: String
    let migrate: @Sendable (Database) throws -> Void

    public init(version: Int, name: String, migrate: @escaping @Sendable (Database) throws -> Void) {
        self.version = version
        self.name = name
        self.migrate = migrate
    }

    /// The name GRDB records once it is applied: `v5_sites_contacts`.
    public var identifier: String { "v\(version)_\(name)" }

    /// The GRDB migrator of `migrations`, in version order. Two migrations of one version are a
    /// programming error.
    static func migrator(_ migrations: [StoreMigration]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        var seen: Set<Int> = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            precondition(seen.insert(migration.version).inserted, "two migrations have version \(migration.version)")
            migrator.registerMigration(migration.identifier, migrate: migration.migrate)
        }
        return migrator
    }
}
