import GRDB

extension Store {
    /// Every schema change, in order. Migrations are append-only: a landed one is never edited;
    /// a change is a new migration registered after the others.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1_runtime", migrate: RuntimeMigration.v1)
        migrator.registerMigration("v2_identity", migrate: IdentityMigration.v2)
        migrator.registerMigration("v3_companies", migrate: CompanyMigration.v3)
        migrator.registerMigration("v4_rights", migrate: RightsMigration.v4)
        migrator.registerMigration("v5_sites_contacts", migrate: SitesMigration.v5)
        migrator.registerMigration("v6_company_search", migrate: CompanySearchMigration.v6)
        migrator.registerMigration("v7_idempotency", migrate: IdempotencyMigration.v7)
        return migrator
    }
}
