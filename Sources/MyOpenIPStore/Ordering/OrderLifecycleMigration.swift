import GRDB

/// The life of orders and contracted offers after placement: the order's type and point of no
/// return, why an undelivered offer was cancelled, upgrades (an offer ordered on another, and the
/// last order that changed an offer), confirmed terminations, and the rule that a site holding
/// a living offer cannot be deleted.
enum OrderLifecycleMigration {
    static func v14(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE customer_order ADD COLUMN kind TEXT NOT NULL DEFAULT 'creation';
                ALTER TABLE customer_order ADD COLUMN point_of_no_return_at INTEGER;

                ALTER TABLE contracted_offer ADD COLUMN cancellation TEXT
                    CHECK (cancellation IN ('client', 'delivery_failed', 'rejected'));
                ALTER TABLE contracted_offer ADD COLUMN upgrades_offer_id INTEGER REFERENCES contracted_offer(id);
                ALTER TABLE contracted_offer ADD COLUMN last_order_id INTEGER REFERENCES customer_order(id);
                CREATE INDEX contracted_offer_by_upgraded ON contracted_offer(upgrades_offer_id)
                    WHERE upgrades_offer_id IS NOT NULL;

                ALTER TABLE quote_item ADD COLUMN upgrades_offer_id INTEGER REFERENCES contracted_offer(id);

                CREATE TABLE contracted_offer_termination (
                    contracted_offer_id INTEGER PRIMARY KEY REFERENCES contracted_offer(id),
                    requested_at INTEGER NOT NULL,
                    requested_by TEXT NOT NULL,
                    desired_date TEXT NOT NULL,
                    effective_date TEXT NOT NULL,
                    remaining_months INTEGER NOT NULL,
                    fee_cents INTEGER NOT NULL,
                    penalty_cents INTEGER NOT NULL,
                    reason TEXT NOT NULL
                );

                CREATE TRIGGER site_held_by_contracted_offer BEFORE DELETE ON site
                WHEN EXISTS (
                    SELECT 1 FROM contracted_offer
                    WHERE site_id = OLD.id AND state NOT IN ('terminated', 'cancelled')
                )
                BEGIN
                    SELECT RAISE(ABORT, 'site held by a contracted offer');
                END;
                """)
    }
}

extension StoreMigration {
    /// `v14_order_lifecycle`.
    public static let orderLifecycle = StoreMigration(
        version: 14, name: "order_lifecycle", migrate: OrderLifecycleMigration.v14)
}
