import GRDB

/// A trigram full-text index of company names, references and SIRENs, kept in step with the
/// `company` table by triggers, so that a substring search reads only the matching rows.
enum CompanySearchMigration {
    static func v6(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE company_search USING fts5(
                    name, reference, siren, content = 'company', content_rowid = 'id', tokenize = 'trigram'
                );
                INSERT INTO company_search (company_search) VALUES ('rebuild');
                CREATE TRIGGER company_search_insert AFTER INSERT ON company BEGIN
                    INSERT INTO company_search (rowid, name, reference, siren) VALUES (new.id, new.name, new.reference, new.siren);
                END;
                CREATE TRIGGER company_search_update AFTER UPDATE OF name, reference, siren ON company BEGIN
                    INSERT INTO company_search (company_search, rowid, name, reference, siren)
                    VALUES ('delete', old.id, old.name, old.reference, old.siren);
                    INSERT INTO company_search (rowid, name, reference, siren) VALUES (new.id, new.name, new.reference, new.siren);
                END;
                CREATE TRIGGER company_search_delete AFTER DELETE ON company BEGIN
                    INSERT INTO company_search (company_search, rowid, name, reference, siren)
                    VALUES ('delete', old.id, old.name, old.reference, old.siren);
                END;
                """)
    }
}

extension StoreMigration {
    /// `v6_company_search`.
    public static let companySearch = StoreMigration(version: 6, name: "company_search", migrate: CompanySearchMigration.v6)
}
