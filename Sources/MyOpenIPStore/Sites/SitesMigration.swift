import GRDB

/// Company sites (the head office first) and the contacts directory.
enum SitesMigration {
    static func v5(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE site (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    company_id INTEGER NOT NULL REFERENCES company(id),
                    is_head_office INTEGER NOT NULL DEFAULT 0,
                    name TEXT NOT NULL,
                    street TEXT NOT NULL,
                    complement TEXT NOT NULL,
                    postcode TEXT NOT NULL,
                    city TEXT NOT NULL,
                    country TEXT NOT NULL,
                    phone TEXT,
                    opening_hours TEXT NOT NULL,
                    iban TEXT,
                    bic TEXT,
                    account_holder TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX site_by_company_name ON site(company_id, name);

                CREATE TABLE contact (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    company_id INTEGER NOT NULL REFERENCES company(id),
                    site_id INTEGER REFERENCES site(id) ON DELETE SET NULL,
                    last_name TEXT NOT NULL,
                    first_name TEXT NOT NULL,
                    email TEXT,
                    phone TEXT,
                    role TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX contact_by_company ON contact(company_id, id);

                INSERT INTO site (company_id, is_head_office, name, street, complement, postcode, city, country, opening_hours,
                                  created_at, updated_at)
                SELECT id, 1, 'Siège Social', '', '', '', '', 'FR', '', created_at, created_at FROM company;
                """)
    }
}

extension StoreMigration {
    /// `v5_sites_contacts`.
    public static let sitesAndContacts = StoreMigration(version: 5, name: "sites_contacts", migrate: SitesMigration.v5)
}
