import Foundation
import GRDB
import MyOpenIPDomain

/// ``CatalogueRepository`` on the daemon's SQLite database.
public struct SQLiteCatalogueRepository: CatalogueRepository {
    let reads: StoreReads
    let writes: GroupCommit

    public init(store: Store) {
        reads = store.reads
        writes = store.writes
    }

    public func offerings(_ filter: OfferingFilter, page: PageRequest) async throws -> Page<OfferingRecord> {
        var request = OfferingRow.filter(OfferingRow.Columns.id > (page.cursor ?? 0))
        if !filter.includeRetired { request = request.filter(OfferingRow.Columns.retiredAt == nil) }
        if let category = filter.category { request = request.filter(OfferingRow.Columns.category == category.rawValue) }
        let ordered = request.order(OfferingRow.Columns.id).limit(page.limit + 1)
        return try await reads.readPage { db in
            Page(fetched: try ordered.fetchAll(db).map { try $0.record() }, limit: page.limit, id: \.id)
        }
    }

    public func offering(code: String) async throws -> OfferingRecord? {
        try await reads.read { db in try OfferingRow.filter(OfferingRow.Columns.code == code).fetchOne(db)?.record() }
    }

    public func create(_ draft: OfferingDraft, context: AuditContext, at now: Timestamp) async throws -> OfferingRecord {
        try await writes.write { db in
            if try OfferingRow.filter(OfferingRow.Columns.code == draft.code).fetchCount(db) > 0 {
                throw CatalogueViolation.codeTaken(draft.code)
            }
            try Self.checkUpgrade(of: draft, in: db)
            var row = OfferingRow(draft, at: now)
            try row.insert(db)
            try AuditTrail.append(
                .offeringCreated, accountID: nil, details: Self.auditDetails(draft), context: context, at: now, in: db)
            return try row.record()
        }
    }

    public func update(
        code: String, _ change: @escaping @Sendable (OfferingDraft) throws -> OfferingDraft, context: AuditContext,
        at now: Timestamp
    ) async throws -> OfferingRecord {
        try await writes.write { db in
            guard var row = try OfferingRow.filter(OfferingRow.Columns.code == code).fetchOne(db) else {
                throw CatalogueViolation.unknownOffering
            }
            guard row.retiredAt == nil else { throw CatalogueViolation.retired }
            let before = try row.record().draft
            let after = try change(before)
            guard after != before else { return try row.record() }
            try Self.checkUpgrade(of: after, in: db)
            row.set(after)
            row.updatedAt = now.milliseconds
            try row.update(db)
            var details = Self.auditDetails(after)
            details["changed"] = Self.changedFields(before, after).joined(separator: ",")
            try AuditTrail.append(.offeringUpdated, accountID: nil, details: details, context: context, at: now, in: db)
            return try row.record()
        }
    }

    public func retire(code: String, context: AuditContext, at now: Timestamp) async throws -> OfferingRecord {
        try await writes.write { db in
            guard var row = try OfferingRow.filter(OfferingRow.Columns.code == code).fetchOne(db) else {
                throw CatalogueViolation.unknownOffering
            }
            guard row.retiredAt == nil else { return try row.record() }
            row.retiredAt = now.milliseconds
            row.updatedAt = now.milliseconds
            try row.update(db)
            try AuditTrail.append(.offeringRetired, accountID: nil, details: ["code": code], context: context, at: now, in: db)
            return try row.record()
        }
    }

    /// The offering an upgrade is ordered on must be in the catalogue (on sale or not).
    private static func checkUpgrade(of draft: OfferingDraft, in db: Database) throws {
        guard let upgraded = draft.upgradeOf else { return }
        guard try OfferingRow.filter(OfferingRow.Columns.code == upgraded).fetchCount(db) > 0 else {
            throw CatalogueViolation.unknownUpgradedOffering
        }
    }

    private static func auditDetails(_ draft: OfferingDraft) -> [String: String] {
        [
            "code": draft.code, "name": draft.name, "category": draft.category.rawValue,
            "one_time_price_cents": String(draft.oneTimePriceCents), "monthly_price_cents": String(draft.monthlyPriceCents),
        ]
    }

    /// The names of the fields that differ, as the API names them.
    private static func changedFields(_ before: OfferingDraft, _ after: OfferingDraft) -> [String] {
        var fields: [String] = []
        if before.name != after.name { fields.append("name") }
        if before.description != after.description { fields.append("description") }
        if before.category != after.category { fields.append("category") }
        if before.oneTimePriceCents != after.oneTimePriceCents { fields.append("one_time_price_cents") }
        if before.monthlyPriceCents != after.monthlyPriceCents { fields.append("monthly_price_cents") }
        if before.commitmentMonths != after.commitmentMonths { fields.append("commitment_months") }
        if before.noticeMonths != after.noticeMonths { fields.append("notice_months") }
        if before.terminationFeeCents != after.terminationFeeCents { fields.append("termination_fee_cents") }
        if before.form != after.form { fields.append("form") }
        if before.needsOnSiteIntervention != after.needsOnSiteIntervention { fields.append("needs_on_site_intervention") }
        if before.needsEquipmentDelivery != after.needsEquipmentDelivery { fields.append("needs_equipment_delivery") }
        if before.upgradeOf != after.upgradeOf { fields.append("upgrade_of") }
        return fields
    }
}
