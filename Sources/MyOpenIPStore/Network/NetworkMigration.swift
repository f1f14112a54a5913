import GRDB

/// Technical services: one row per data or voice contracted offer (made by a trigger when the
/// offer is created, and for the offers that existed before), with its parameters and the
/// state in force; the history of states; and the traffic of links, kept as network tools keep
/// it. Traffic lives in two tables without rowid, keyed by link and time so that one link's
/// window is one range of the key: the 5-minute samples (two rates a row) and the roll-ups
/// (samples, sums, minima and maxima per tier).
enum NetworkMigration {
    static func v16(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE technical_service (
                    contracted_offer_id INTEGER PRIMARY KEY REFERENCES contracted_offer(id),
                    kind TEXT NOT NULL,
                    access_type TEXT,
                    downstream_kbps INTEGER,
                    upstream_kbps INTEGER,
                    interface_id TEXT,
                    addresses TEXT NOT NULL DEFAULT '',
                    trunk_id TEXT,
                    channels INTEGER,
                    numbers TEXT NOT NULL DEFAULT '',
                    parameters_updated_at INTEGER,
                    state TEXT NOT NULL DEFAULT 'unknown',
                    state_reason TEXT NOT NULL DEFAULT '',
                    state_changed_at INTEGER,
                    last_sample_at INTEGER,
                    rollup_from INTEGER
                );
                CREATE INDEX technical_service_rollup ON technical_service(rollup_from)
                    WHERE rollup_from IS NOT NULL;

                INSERT INTO technical_service (contracted_offer_id, kind)
                SELECT id, CASE WHEN category = 'internet_access' THEN 'data_link' ELSE 'voice_trunk' END
                FROM contracted_offer
                WHERE category IN ('internet_access', 'ip_telephony', 'standard_telephony', 'unified_communications');

                CREATE TRIGGER technical_service_of_offer AFTER INSERT ON contracted_offer
                WHEN NEW.category IN ('internet_access', 'ip_telephony', 'standard_telephony', 'unified_communications')
                BEGIN
                    INSERT INTO technical_service (contracted_offer_id, kind)
                    VALUES (NEW.id, CASE WHEN NEW.category = 'internet_access' THEN 'data_link' ELSE 'voice_trunk' END);
                END;

                CREATE TABLE link_state_event (
                    id INTEGER PRIMARY KEY,
                    contracted_offer_id INTEGER NOT NULL REFERENCES technical_service(contracted_offer_id),
                    state TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    changed_at INTEGER NOT NULL,
                    reported_at INTEGER NOT NULL
                );
                CREATE INDEX link_state_event_of_service ON link_state_event(contracted_offer_id, changed_at);

                CREATE TABLE traffic_sample (
                    contracted_offer_id INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    in_bps INTEGER NOT NULL,
                    out_bps INTEGER NOT NULL,
                    PRIMARY KEY (contracted_offer_id, at)
                ) WITHOUT ROWID;

                CREATE TABLE traffic_rollup (
                    contracted_offer_id INTEGER NOT NULL,
                    tier INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    samples INTEGER NOT NULL,
                    in_sum INTEGER NOT NULL,
                    in_min INTEGER NOT NULL,
                    in_max INTEGER NOT NULL,
                    out_sum INTEGER NOT NULL,
                    out_min INTEGER NOT NULL,
                    out_max INTEGER NOT NULL,
                    PRIMARY KEY (contracted_offer_id, tier, start)
                ) WITHOUT ROWID;
                """)
    }
}

extension StoreMigration {
    /// `v16_network`.
    public static let network = StoreMigration(version: 16, name: "network", migrate: NetworkMigration.v16)
}
