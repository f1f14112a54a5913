import GRDB
import MyOpenIPDomain

extension SQLiteNetworkRepository {
    public func rollUp(limit: Int, now: Int64) async throws -> Int {
        try await writes.write { db in
            let pending = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT contracted_offer_id, rollup_from FROM technical_service
                        WHERE rollup_from IS NOT NULL ORDER BY rollup_from LIMIT ?
                        """),
                arguments: [limit])
            for row in pending {
                let id: Int64 = row[0]
                let from: Int64 = row[1]
                for tier in TrafficTier.all.dropFirst() {
                    try Self.rollUp(id, into: tier, from: tier.bucket(of: from), db: db)
                }
                try Self.prune(id, now: now, db: db)
                // Nothing else writes meanwhile: this is one transaction of the one writer.
                try db.cachedStatement(sql: "UPDATE technical_service SET rollup_from = NULL WHERE contracted_offer_id = ?")
                    .execute(arguments: [id])
            }
            return pending.count
        }
    }

    public func prune(after: Int64, limit: Int, now: Int64) async throws -> Int64? {
        try await writes.write { db in
            let ids = try Int64.fetchAll(
                db.cachedStatement(
                    sql:
                        "SELECT contracted_offer_id FROM technical_service WHERE contracted_offer_id > ? AND kind = ? ORDER BY 1 LIMIT ?"
                ),
                arguments: [after, TechnicalServiceKind.dataLink.rawValue, limit])
            for id in ids { try Self.prune(id, now: now, db: db) }
            return ids.count < limit ? nil : ids.last
        }
    }

    /// Makes again the buckets of `tier` from `start` on, from the finer tier.
    static func rollUp(_ id: Int64, into tier: TrafficTier, from start: Int64, db: Database) throws {
        let width = tier.seconds
        let upsert = """
            ON CONFLICT (contracted_offer_id, tier, start) DO UPDATE SET samples = excluded.samples,
                in_sum = excluded.in_sum, in_min = excluded.in_min, in_max = excluded.in_max,
                out_sum = excluded.out_sum, out_min = excluded.out_min, out_max = excluded.out_max
            """
        if tier.finer == .fiveMinutes {
            try db.cachedStatement(
                sql: """
                    INSERT INTO traffic_rollup
                    SELECT contracted_offer_id, ?1, at - at % ?2 AS bucket, count(*), sum(in_bps), min(in_bps), max(in_bps),
                           sum(out_bps), min(out_bps), max(out_bps)
                    FROM traffic_sample WHERE contracted_offer_id = ?3 AND at >= ?4 GROUP BY bucket
                    \(upsert)
                    """
            ).execute(arguments: [tier.index, width, id, start])
        } else if let finer = tier.finer {
            try db.cachedStatement(
                sql: """
                    INSERT INTO traffic_rollup
                    SELECT contracted_offer_id, ?1, start - start % ?2 AS bucket, sum(samples), sum(in_sum), min(in_min),
                           max(in_max), sum(out_sum), min(out_min), max(out_max)
                    FROM traffic_rollup WHERE contracted_offer_id = ?3 AND tier = ?5 AND start >= ?4 GROUP BY bucket
                    \(upsert)
                    """
            ).execute(arguments: [tier.index, width, id, start, finer.index])
        }
    }

    /// Deletes what each tier of `id` no longer keeps.
    static func prune(_ id: Int64, now: Int64, db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM traffic_sample WHERE contracted_offer_id = ? AND at < ?")
            .execute(arguments: [id, TrafficTier.fiveMinutes.oldestKept(at: now)])
        let statement = try db.cachedStatement(
            sql: "DELETE FROM traffic_rollup WHERE contracted_offer_id = ? AND tier = ? AND start < ?")
        for tier in TrafficTier.all.dropFirst() {
            try statement.execute(arguments: [id, tier.index, tier.oldestKept(at: now)])
        }
    }
}
