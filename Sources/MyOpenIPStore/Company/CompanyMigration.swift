import GRDB

/// Companies ("Ma société"), and the company an audit event is about.
enum CompanyMigration {
    static func v3(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE company (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    reference TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL CHECK (kind IN ('client', 'partner')),
                    partner_id INTEGER REFERENCES company(id),
                    state TEXT NOT NULL CHECK (state IN ('active', 'suspended', 'closed')),
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL,
                    siren TEXT NOT NULL UNIQUE,
                    legal_status TEXT NOT NULL,
                    comment TEXT NOT NULL,
                    website TEXT NOT NULL,
                    financial_situation TEXT NOT NULL,
                    guarantee_type TEXT NOT NULL,
                    mail_commercial TEXT,
                    mail_technical TEXT,
                    mail_sales_administration TEXT,
                    mail_administrative TEXT,
                    created_at INTEGER NOT NULL,
                    created_by TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX company_by_partner ON company(partner_id, id);
                CREATE INDEX company_by_name ON company(name_key, id);
                ALTER TABLE audit_event ADD COLUMN company_id INTEGER REFERENCES company(id);
                CREATE INDEX audit_event_by_company ON audit_event(company_id, id);
                """)
    }
}

extension StoreMigration {
    /// `v3_companies`.
    public static let companies = StoreMigration(version: 3, name: "companies", migrate: CompanyMigration.v3)
}
