import GRDB

/// Versions of the terms of use withdrawn before their effective date: they stay listed, and
/// never come into force.
enum TermsWithdrawalMigration {
    static func v8(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE terms_version ADD COLUMN withdrawn_at INTEGER;
                ALTER TABLE terms_version ADD COLUMN withdrawn_by TEXT;
                """)
    }
}

extension StoreMigration {
    /// `v8_terms_withdrawal`.
    public static let termsWithdrawal = StoreMigration(version: 8, name: "terms_withdrawal", migrate: TermsWithdrawalMigration.v8)
}
