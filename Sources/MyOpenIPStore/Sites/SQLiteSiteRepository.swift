import GRDB
import MyOpenIPDomain

/// ``SiteRepository`` on the daemon's SQLite database, through the `site` and `contact` record
/// types; every query starts from the caller's scope.
public struct SQLiteSiteRepository: SiteRepository {
    /// Reads on the calling thread.
    let reads: StoreReads
    /// Writes share commits with the other writes arriving at the same time.
    let writes: GroupCommit

    public init(store: Store) {
        reads = store.reads
        writes = store.writes
    }

    // MARK: Sites

    public func sites(of company: CompanyReference, in scope: CompanyScope) async throws -> [SiteRecord] {
        try await reads.read { db in
            let companyID = try scope.companyID(of: company, in: db)
            return try SiteRow.all(of: companyID, db: db).map(\.record)
        }
    }

    public func site(_ id: Int64, in scope: CompanyScope) async throws -> SiteRecord? {
        try await reads.read { db in try SiteRow.fetch(id, in: scope, db: db)?.record }
    }

    public func createSite(
        _ site: SiteDraft, company: CompanyReference, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> SiteRecord {
        try await writes.write { db in
            let companyID = try scope.companyID(of: company, in: db)
            try Self.checkName(site.name, companyID: companyID, except: nil, db: db)
            var row = SiteRow(site, companyID: companyID, at: now)
            try row.insert(db)
            try AuditTrail.append(
                .siteCreated, accountID: nil, companyID: companyID,
                details: Self.facts(site).merging(["site": String(row.id!)]) { $1 },
                context: context, at: now, in: db)
            return row.record
        }
    }

    public func updateSite(
        _ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout SiteDraft) throws -> Void
    ) async throws -> SiteRecord {
        try await writes.write { db in
            guard var row = try SiteRow.fetch(id, in: scope, db: db) else { throw SiteViolation.unknownSite }
            let before = row.record.site
            var site = before
            try change(&site)
            guard site != before else { return row.record }
            var details = AuditTrail.changes(before: Self.facts(before), after: Self.facts(site))
            // The audit trail shows only an IBAN's last four characters: a change before them
            // still says that the payment details changed.
            if details.isEmpty { details["payment"] = "changed" }
            if site.name != before.name {
                guard !row.isHeadOffice else { throw SiteViolation.headOfficeName }
                try Self.checkName(site.name, companyID: row.companyID, except: id, db: db)
                // The rights for this site follow it under its new name.
                try AccessRightRow.filter(
                    AccessRightRow.Columns.companyID == row.companyID && AccessRightRow.Columns.site == before.name
                ).updateAll(db, AccessRightRow.Columns.site.set(to: site.name))
            }
            row.set(site, at: now)
            try row.updateChangeable(in: db)
            details["site"] = String(id)
            try AuditTrail.append(
                .siteUpdated, accountID: nil, companyID: row.companyID, details: details, context: context, at: now, in: db)
            return row.record
        }
    }

    public func deleteSite(_ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp) async throws {
        try await writes.write { db in
            guard let row = try SiteRow.fetch(id, in: scope, db: db) else { throw SiteViolation.unknownSite }
            guard !row.isHeadOffice else { throw SiteViolation.headOffice }
            if let right = try AccessRightRow.filter(
                AccessRightRow.Columns.companyID == row.companyID && AccessRightRow.Columns.site == row.name
            ).fetchOne(db) {
                throw SiteViolation.usedByRight(right.name)
            }
            try ContactRow.filter(ContactRow.Columns.siteID == id).updateAll(db, ContactRow.Columns.siteID.set(to: nil))
            do {
                try row.delete(db)
            } catch let error as DatabaseError where error.message == Self.heldByContractedOffer {
                // The ordering schema's trigger: a living contracted offer holds the site.
                let offer = try String.fetchOne(
                    db,
                    sql: """
                        SELECT reference FROM contracted_offer
                        WHERE site_id = ? AND state NOT IN ('terminated', 'cancelled') ORDER BY id LIMIT 1
                        """,
                    arguments: [id])
                throw SiteViolation.usedByContractedOffer(offer ?? "")
            }
            try AuditTrail.append(
                .siteDeleted, accountID: nil, companyID: row.companyID,
                details: Self.facts(row.record.site).merging(["site": String(id)]) { $1 }, context: context, at: now, in: db)
        }
    }

    // MARK: Contacts

    public func contacts(of company: CompanyReference, in scope: CompanyScope, page: PageRequest) async throws -> Page<
        ContactRecord
    > {
        try await reads.readPage { db in
            let companyID = try scope.companyID(of: company, in: db)
            let contacts =
                ContactRow
                .filter(ContactRow.Columns.companyID == companyID && ContactRow.Columns.id > (page.cursor ?? 0))
                .order(ContactRow.Columns.id)
                .limit(page.limit + 1)
            let rows = try ContactWithSite.request(contacts).fetchAll(db).map(\.record)
            return Page(fetched: rows, limit: page.limit, id: \.id)
        }
    }

    public func contact(_ id: Int64, in scope: CompanyScope) async throws -> ContactRecord? {
        try await reads.read { db in try Self.contact(id, in: scope, db: db) }
    }

    public func createContact(
        _ contact: ContactDraft, siteID: Int64?, company: CompanyReference, in scope: CompanyScope, context: AuditContext,
        at now: Timestamp
    ) async throws -> ContactRecord {
        try await writes.write { db in
            let companyID = try scope.companyID(of: company, in: db)
            try Self.checkSite(siteID, companyID: companyID, db: db)
            var row = ContactRow(contact, siteID: siteID, companyID: companyID, at: now)
            try row.insert(db)
            let id = row.id!
            try AuditTrail.append(
                .contactCreated, accountID: nil, companyID: companyID,
                details: Self.facts(contact, siteID: siteID).merging(["contact": String(id)]) { $1 }, context: context, at: now,
                in: db)
            return try Self.contact(id, in: .everything, db: db)!
        }
    }

    public func updateContact(
        _ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout ContactDraft, inout Int64?) throws -> Void
    ) async throws -> ContactRecord {
        try await writes.write { db in
            guard var row = try ContactRow.filter(key: id).visible(in: scope).fetchOne(db) else {
                throw SiteViolation.unknownContact
            }
            let before = (row.draft, row.siteID)
            var contact = before.0
            var siteID = before.1
            try change(&contact, &siteID)
            guard contact != before.0 || siteID != before.1 else { return try Self.contact(id, in: .everything, db: db)! }
            var details = AuditTrail.changes(
                before: Self.facts(before.0, siteID: before.1), after: Self.facts(contact, siteID: siteID))
            try Self.checkSite(siteID, companyID: row.companyID, db: db)
            row.set(contact, siteID: siteID, at: now)
            try row.update(db)
            details["contact"] = String(id)
            try AuditTrail.append(
                .contactUpdated, accountID: nil, companyID: row.companyID, details: details, context: context, at: now, in: db)
            return try Self.contact(id, in: .everything, db: db)!
        }
    }

    public func deleteContact(_ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp) async throws {
        try await writes.write { db in
            guard let row = try ContactRow.filter(key: id).visible(in: scope).fetchOne(db) else {
                throw SiteViolation.unknownContact
            }
            try row.delete(db)
            try AuditTrail.append(
                .contactDeleted, accountID: nil, companyID: row.companyID,
                details: Self.facts(row.draft, siteID: row.siteID).merging(["contact": String(id)]) { $1 },
                context: context, at: now, in: db)
        }
    }

    // MARK: - Inside a transaction

    /// The message of the trigger that keeps a site a living contracted offer is on.
    static let heldByContractedOffer = "site held by a contracted offer"

    private static func contact(_ id: Int64, in scope: CompanyScope, db: Database) throws -> ContactRecord? {
        try ContactWithSite.request(ContactRow.filter(key: id).visible(in: scope)).fetchOne(db)?.record
    }

    private static func checkName(_ name: String, companyID: Int64, except: Int64?, db: Database) throws {
        if try SiteRow.all().named(name, companyID: companyID, except: except).isEmpty(db) == false {
            throw SiteViolation.nameTaken
        }
    }

    private static func checkSite(_ siteID: Int64?, companyID: Int64, db: Database) throws {
        guard let siteID else { return }
        guard try SiteRow.filter(key: siteID).filter(SiteRow.Columns.companyID == companyID).isEmpty(db) == false
        else { throw SiteViolation.unknownSite }
    }

    private static func facts(_ site: SiteDraft) -> [String: String] {
        [
            "name": site.name, "street": site.address.street, "complement": site.address.complement,
            "postcode": site.address.postcode, "city": site.address.city, "country": site.address.country,
            "phone": site.phone?.description ?? "", "opening_hours": site.openingHours,
            "iban": site.payment.map { "…" + $0.iban.description.suffix(4) } ?? "", "bic": site.payment?.bic.description ?? "",
            "account_holder": site.payment?.holder ?? "",
        ]
    }

    private static func facts(_ contact: ContactDraft, siteID: Int64?) -> [String: String] {
        [
            "last_name": contact.lastName, "first_name": contact.firstName, "email": contact.email?.description ?? "",
            "phone": contact.phone?.description ?? "", "role": contact.role, "site": siteID.map(String.init) ?? "",
        ]
    }
}
