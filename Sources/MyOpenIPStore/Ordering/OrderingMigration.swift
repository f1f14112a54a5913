import GRDB

/// Quotes with their products and contacts, the validation links mailed to clients, orders, the
/// contracted offers they create with their history, and the counters of gapless references.
/// Quoted and ordered offerings and sites are frozen copies (JSON), so that the catalogue and the
/// directory may change, and a site be deleted, without changing what was sold.
enum OrderingMigration {
    static func v13(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE quote (
                    id INTEGER PRIMARY KEY,
                    company_id INTEGER NOT NULL REFERENCES company(id),
                    state TEXT NOT NULL CHECK (state IN ('in_progress', 'pending', 'accepted', 'rejected')),
                    entered_for_client INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    created_by TEXT NOT NULL,
                    updated_at INTEGER NOT NULL,
                    valid_until INTEGER NOT NULL,
                    next_item_number INTEGER NOT NULL DEFAULT 1,
                    submitted_at INTEGER,
                    submitted_by TEXT,
                    refused_at INTEGER,
                    refused_by TEXT,
                    refusal_reason TEXT
                );
                CREATE INDEX quote_by_company ON quote(company_id, id);

                CREATE TABLE quote_item (
                    quote_id INTEGER NOT NULL REFERENCES quote(id),
                    number INTEGER NOT NULL,
                    offering_id INTEGER NOT NULL REFERENCES offering(id),
                    offering TEXT NOT NULL,
                    site_id INTEGER REFERENCES site(id) ON DELETE SET NULL,
                    site TEXT NOT NULL,
                    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
                    form TEXT NOT NULL,
                    PRIMARY KEY (quote_id, number)
                ) WITHOUT ROWID;

                CREATE TABLE quote_contact (
                    id INTEGER PRIMARY KEY,
                    quote_id INTEGER NOT NULL REFERENCES quote(id),
                    source TEXT NOT NULL CHECK (source IN ('client_directory', 'partner_directory', 'ad_hoc')),
                    contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
                    last_name TEXT NOT NULL,
                    first_name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    phone TEXT NOT NULL,
                    role TEXT NOT NULL,
                    functions TEXT NOT NULL
                );
                CREATE INDEX quote_contact_by_quote ON quote_contact(quote_id, id);

                CREATE TABLE quote_validation_link (
                    id INTEGER PRIMARY KEY,
                    quote_id INTEGER NOT NULL REFERENCES quote(id),
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    token_digest TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    used_at INTEGER,
                    voided_at INTEGER
                );
                CREATE INDEX quote_validation_link_by_quote ON quote_validation_link(quote_id);

                CREATE TABLE reference_counter (
                    name TEXT PRIMARY KEY,
                    last INTEGER NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO reference_counter (name, last) VALUES ('order', 0), ('contracted_offer', 0);

                CREATE TABLE customer_order (
                    id INTEGER PRIMARY KEY,
                    reference TEXT NOT NULL UNIQUE,
                    company_id INTEGER NOT NULL REFERENCES company(id),
                    quote_id INTEGER NOT NULL UNIQUE REFERENCES quote(id),
                    state TEXT NOT NULL,
                    pilot TEXT,
                    cgv_version INTEGER NOT NULL REFERENCES terms_version(id),
                    placed_at INTEGER NOT NULL,
                    placed_by TEXT NOT NULL,
                    entered_by TEXT,
                    one_time_cents INTEGER NOT NULL,
                    monthly_cents INTEGER NOT NULL,
                    search_key TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX customer_order_by_company ON customer_order(company_id, id);
                CREATE INDEX customer_order_by_state ON customer_order(state, id);

                CREATE TABLE contracted_offer (
                    id INTEGER PRIMARY KEY,
                    reference TEXT NOT NULL UNIQUE,
                    company_id INTEGER NOT NULL REFERENCES company(id),
                    order_id INTEGER NOT NULL REFERENCES customer_order(id),
                    item_number INTEGER NOT NULL,
                    offering_code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    category TEXT NOT NULL,
                    offering TEXT NOT NULL,
                    site_id INTEGER REFERENCES site(id) ON DELETE SET NULL,
                    site TEXT NOT NULL,
                    city TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    form TEXT NOT NULL,
                    state TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    pilot TEXT,
                    delivered_at INTEGER,
                    search_key TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX contracted_offer_by_company ON contracted_offer(company_id, id);
                CREATE INDEX contracted_offer_by_order ON contracted_offer(order_id);
                CREATE INDEX contracted_offer_by_state ON contracted_offer(state, id);
                CREATE INDEX contracted_offer_by_site ON contracted_offer(site_id, id);

                CREATE TABLE contracted_offer_event (
                    id INTEGER PRIMARY KEY,
                    contracted_offer_id INTEGER NOT NULL REFERENCES contracted_offer(id),
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    from_state TEXT,
                    to_state TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    order_id INTEGER REFERENCES customer_order(id)
                );
                CREATE INDEX contracted_offer_event_by_offer ON contracted_offer_event(contracted_offer_id, id);
                """)
    }
}

extension StoreMigration {
    /// `v13_ordering`.
    public static let ordering = StoreMigration(version: 13, name: "ordering", migrate: OrderingMigration.v13)
}
