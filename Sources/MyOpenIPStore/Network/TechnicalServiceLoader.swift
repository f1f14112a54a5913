import GRDB
import MyOpenIPDomain

/// Reads technical services: the one select and the row's decoding.
enum TechnicalServiceLoader {
    static let select = """
        SELECT ts.contracted_offer_id AS id, ts.kind, ts.access_type, ts.downstream_kbps, ts.upstream_kbps,
               ts.interface_id, ts.addresses, ts.trunk_id, ts.channels, ts.numbers, ts.parameters_updated_at,
               ts.state AS link_state, ts.state_reason, ts.state_changed_at, ts.last_sample_at,
               co.reference, co.name, co.offering_code, co.category, co.company_id, co.city, co.state AS offer_state,
               company.reference AS company_reference, company.name AS company_name
        FROM technical_service AS ts
        JOIN contracted_offer AS co ON co.id = ts.contracted_offer_id
        JOIN company ON company.id = co.company_id
        """

    /// The SQL list of the offer states in service.
    static let inService = TechnicalServiceRecord.inService.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    static func record(_ row: Row) throws -> TechnicalServiceRecord {
        let id: Int64 = row["id"]
        guard let kind = TechnicalServiceKind(rawValue: row["kind"]),
            let category = OfferingCategory(rawValue: row["category"]),
            let offerState = ContractedOfferState(rawValue: row["offer_state"]),
            let state = LinkState(rawValue: row["link_state"])
        else { throw StoreError.corruptRow(table: "technical_service", id: id) }
        var record = TechnicalServiceRecord(
            id: id, reference: row["reference"], name: row["name"], offeringCode: row["offering_code"],
            category: category, kind: kind, companyID: row["company_id"], companyReference: row["company_reference"],
            companyName: row["company_name"], city: row["city"], offerState: offerState,
            status: LinkStatus(
                state: state, reason: row["state_reason"],
                changedAt: (row["state_changed_at"] as Int64?).map(Timestamp.init(milliseconds:))),
            parametersUpdatedAt: (row["parameters_updated_at"] as Int64?).map(Timestamp.init(milliseconds:)),
            lastSampleAt: row["last_sample_at"])
        switch kind {
        case .dataLink:
            record.link = LinkParameters(
                accessType: (row["access_type"] as String?).flatMap(AccessType.init(rawValue:)),
                downstreamKbps: row["downstream_kbps"], upstreamKbps: row["upstream_kbps"],
                interfaceID: row["interface_id"],
                addresses: words(row["addresses"]).compactMap(IPPrefix.init))
        case .voiceTrunk:
            record.voiceTrunk = VoiceTrunkParameters(
                trunkID: row["trunk_id"], channels: row["channels"], numbers: words(row["numbers"]))
        }
        return record
    }

    /// A list kept as one column: normalised prefixes and E.164 numbers hold no space.
    static func words(_ text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }

    /// The service of `reference` whatever its state, for a write.
    static func service(reference: String, db: Database) throws -> TechnicalServiceRecord? {
        try Row.fetchOne(
            db.cachedStatement(sql: "\(select) WHERE co.reference = ?"), arguments: [reference]
        ).map(record)
    }

    /// The service of `id`, for a write's answer.
    static func service(id: Int64, db: Database) throws -> TechnicalServiceRecord {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "\(select) WHERE ts.contracted_offer_id = ?"), arguments: [id])
        else { throw StoreError.corruptRow(table: "technical_service", id: id) }
        return try record(row)
    }
}
