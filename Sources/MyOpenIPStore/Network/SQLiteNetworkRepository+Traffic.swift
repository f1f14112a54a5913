import GRDB
import MyOpenIPDomain

extension SQLiteNetworkRepository {
    /// How late a sample may arrive: its roll-ups are made again, from the 5-minute samples
    /// still kept.
    public static let lateWindow: Int64 = 86_400

    public func ingest(_ samples: [NetworkReport<TrafficSample>], now: Int64) async throws -> TrafficIngestOutcome {
        guard !samples.isEmpty else { return TrafficIngestOutcome() }
        return try await writes.write { db in
            var outcome = TrafficIngestOutcome()
            // Per link of the batch: its id (nil when refused, with why), the earliest sample
            // kept and the latest.
            var links: [String: Result<Int64, DomainViolation>] = [:]
            var marks: [Int64: (earliest: Int64, latest: Int64)] = [:]
            let lookup = try db.cachedStatement(
                sql: """
                    SELECT ts.contracted_offer_id, ts.kind, co.state FROM contracted_offer AS co
                    JOIN technical_service AS ts ON ts.contracted_offer_id = co.id WHERE co.reference = ?
                    """)
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO traffic_sample (contracted_offer_id, at, in_bps, out_bps) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """)
            for sample in samples {
                let link: Result<Int64, DomainViolation>
                if let known = links[sample.reference] {
                    link = known
                } else {
                    link = try Self.link(sample.reference, lookup: lookup)
                    links[sample.reference] = link
                }
                switch link {
                case .failure(let violation):
                    outcome.rejected.append(
                        RejectedNetworkReport(index: sample.index, reference: sample.reference, violation: violation))
                case .success(let id):
                    try insert.execute(arguments: [
                        id, sample.value.at, sample.value.inBitsPerSecond, sample.value.outBitsPerSecond,
                    ])
                    guard db.changesCount > 0 else {
                        outcome.duplicates += 1
                        continue
                    }
                    outcome.accepted += 1
                    let mark = marks[id]
                    marks[id] = (
                        min(mark?.earliest ?? .max, sample.value.at), max(mark?.latest ?? .min, sample.value.at)
                    )
                }
            }
            let markStatement = try db.cachedStatement(
                sql: """
                    UPDATE technical_service
                    SET rollup_from = min(coalesce(rollup_from, ?1), ?1), last_sample_at = max(coalesce(last_sample_at, ?2), ?2)
                    WHERE contracted_offer_id = ?3
                    """)
            for (id, mark) in marks {
                try markStatement.execute(arguments: [mark.earliest, mark.latest, id])
            }
            return outcome
        }
    }

    /// The id of the data link `reference` that is measured now, or why not.
    static func link(_ reference: String, lookup: Statement) throws -> Result<Int64, DomainViolation> {
        guard let row = try Row.fetchOne(lookup, arguments: [reference]) else {
            return .failure(NetworkViolation.unknownService)
        }
        guard row[1] as String == TechnicalServiceKind.dataLink.rawValue else { return .failure(NetworkViolation.notALink) }
        guard let state = ContractedOfferState(rawValue: row[2]), TechnicalServiceRecord.inService.contains(state) else {
            return .failure(NetworkViolation.notInService)
        }
        return .success(row[0])
    }

    public func traffic(serviceID: Int64, tier: TrafficTier, from: Int64, to: Int64) async throws -> [TrafficAggregate] {
        try await reads.readPage { db in
            if tier == .fiveMinutes {
                return try Row.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT at, in_bps, out_bps FROM traffic_sample
                            WHERE contracted_offer_id = ? AND at >= ? AND at < ? ORDER BY at
                            """),
                    arguments: [serviceID, from, to]
                ).map { row in
                    TrafficAggregate(sample: TrafficSample(at: row[0], inBitsPerSecond: row[1], outBitsPerSecond: row[2]))
                }
            }
            return try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT start, samples, in_sum, in_min, in_max, out_sum, out_min, out_max FROM traffic_rollup
                        WHERE contracted_offer_id = ? AND tier = ? AND start >= ? AND start < ? ORDER BY start
                        """),
                arguments: [serviceID, tier.index, from, to]
            ).map { row in
                TrafficAggregate(
                    start: row[0], samples: row[1], inSum: row[2], inMinimum: row[3], inMaximum: row[4], outSum: row[5],
                    outMinimum: row[6], outMaximum: row[7])
            }
        }
    }
}
