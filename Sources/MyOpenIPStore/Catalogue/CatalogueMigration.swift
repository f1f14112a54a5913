import GRDB

/// The e-shop's catalogue: one row per offering, its order form as JSON.
enum CatalogueMigration {
    static func v11(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE offering (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    description TEXT NOT NULL,
                    category TEXT NOT NULL,
                    one_time_price_cents INTEGER NOT NULL CHECK (one_time_price_cents >= 0),
                    monthly_price_cents INTEGER NOT NULL CHECK (monthly_price_cents >= 0),
                    commitment_months INTEGER NOT NULL,
                    notice_months INTEGER NOT NULL,
                    termination_fee_cents INTEGER NOT NULL CHECK (termination_fee_cents >= 0),
                    form TEXT NOT NULL,
                    needs_on_site_intervention INTEGER NOT NULL,
                    needs_equipment_delivery INTEGER NOT NULL,
                    upgrade_of TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    retired_at INTEGER
                );
                CREATE INDEX offering_on_sale ON offering(retired_at, category, id);
                """)
    }
}

extension StoreMigration {
    /// `v11_catalogue`.
    public static let catalogue = StoreMigration(version: 11, name: "catalogue", migrate: CatalogueMigration.v11)
}
