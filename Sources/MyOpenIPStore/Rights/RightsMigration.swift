import GRDB

/// Access rights: the two main rights every company has, the custom rights a company builds from
/// templates, and which accounts hold which.
enum RightsMigration {
    static func v4(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE access_right (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    company_id INTEGER REFERENCES company(id),
                    main TEXT UNIQUE CHECK (main IN ('administrator', 'client_universe')),
                    name TEXT NOT NULL,
                    site TEXT NOT NULL,
                    role TEXT NOT NULL,
                    templates TEXT NOT NULL,
                    permissions TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    created_by TEXT NOT NULL,
                    CHECK ((company_id IS NULL) = (main IS NOT NULL))
                );
                CREATE UNIQUE INDEX access_right_by_company_name ON access_right(company_id, name);

                CREATE TABLE account_right (
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    right_id INTEGER NOT NULL REFERENCES access_right(id),
                    granted_at INTEGER NOT NULL,
                    granted_by TEXT NOT NULL,
                    PRIMARY KEY (account_id, right_id)
                );
                """)
        for (main, name, permissions) in [
            (
                "administrator", "Administrateur tout Univers",
                "billing.read,company.read,company.write,orders.manage,services.read,users.manage"
            ),
            ("client_universe", "Univers Client", "billing.read,company.read,orders.manage,services.read"),
        ] {
            try db.execute(
                sql: """
                    INSERT INTO access_right (company_id, main, name, site, role, templates, permissions, created_at, created_by)
                    VALUES (NULL, ?, ?, '', '', '', ?, 0, 'migration')
                    """,
                arguments: [main, name, permissions])
        }
    }
}

extension StoreMigration {
    /// `v4_rights`.
    public static let rights = StoreMigration(version: 4, name: "rights", migrate: RightsMigration.v4)
}
