import GRDB

/// The sales conditions ("Conditions Générales de Vente") are versions of `terms_version` too,
/// told apart by their document; the rows already there are the terms of use. Version numbers
/// (the row ids) stay shared by both documents.
enum SalesConditionsMigration {
    static func v12(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE terms_version ADD COLUMN document TEXT NOT NULL DEFAULT 'terms_of_use'
                    CHECK (document IN ('terms_of_use', 'sales_conditions'));
                CREATE INDEX terms_version_by_document ON terms_version(document, effective_at);
                """)
    }
}

extension StoreMigration {
    /// `v12_sales_conditions`.
    public static let salesConditions = StoreMigration(
        version: 12, name: "sales_conditions", migrate: SalesConditionsMigration.v12)
}
