import GRDB
import MyOpenIPDomain

/// ``SiteRepository`` on the daemon's SQLite database.
public struct SQLiteSiteRepository: SiteRepository {
    let writer: any DatabaseWriter

    public init(store: Store) {
        writer = store.writer
    }

    // MARK: Sites

    public func sites(of company: CompanyReference, in scope: CompanyScope) async throws -> [SiteRecord] {
        try await writer.read { db in
            let companyID = try SQLiteCompanyRepository.companyID(company, in: scope, db: db)
            return try Row.fetchAll(
                db, sql: "SELECT \(SiteRecord.columns) FROM site s WHERE s.company_id = ? ORDER BY s.is_head_office DESC, s.name",
                arguments: [companyID]
            ).map(SiteRecord.init(row:))
        }
    }

    public func site(_ id: Int64, in scope: CompanyScope) async throws -> SiteRecord? {
        try await writer.read { db in try Self.site(id, in: scope, db: db) }
    }

    public func createSite(
        _ site: SiteDraft, company: CompanyReference, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> SiteRecord {
        try await writer.write { db in
            let companyID = try SQLiteCompanyRepository.companyID(company, in: scope, db: db)
            try Self.checkName(site.name, companyID: companyID, except: nil, db: db)
            let id = try Self.insertSite(site, companyID: companyID, isHeadOffice: false, at: now, in: db)
            try AuditTrail.append(
                .siteCreated, accountID: nil, companyID: companyID, details: Self.facts(site).merging(["site": String(id)]) { $1 },
                context: context, at: now, in: db)
            return try Self.site(id, in: .everything, db: db)!
        }
    }

    public func updateSite(
        _ id: Int64, to site: SiteDraft, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> SiteRecord {
        try await writer.write { db in
            guard let before = try Self.site(id, in: scope, db: db) else { throw SiteViolation.unknownSite }
            let companyID = before.companyID
            try Self.checkName(site.name, companyID: companyID, except: id, db: db)
            try db.execute(
                sql: """
                    UPDATE site SET name = ?, street = ?, complement = ?, postcode = ?, city = ?, country = ?, phone = ?,
                                    opening_hours = ?, iban = ?, bic = ?, account_holder = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: StatementArguments(SiteRecord.values(site) + [now.milliseconds, id]))
            var details = AuditTrail.changes(before: Self.facts(before.site), after: Self.facts(site))
            details["site"] = String(id)
            try AuditTrail.append(.siteUpdated, accountID: nil, companyID: companyID, details: details, context: context, at: now, in: db)
            return try Self.site(id, in: .everything, db: db)!
        }
    }

    public func deleteSite(_ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp) async throws {
        try await writer.write { db in
            guard let site = try Self.site(id, in: scope, db: db) else { throw SiteViolation.unknownSite }
            guard !site.isHeadOffice else { throw SiteViolation.headOffice }
            let companyID = site.companyID
            try db.execute(sql: "UPDATE contact SET site_id = NULL WHERE site_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM site WHERE id = ?", arguments: [id])
            try AuditTrail.append(
                .siteDeleted, accountID: nil, companyID: companyID, details: Self.facts(site.site).merging(["site": String(id)]) { $1 },
                context: context, at: now, in: db)
        }
    }

    // MARK: Contacts

    public func contacts(of company: CompanyReference, in scope: CompanyScope, page: PageRequest) async throws -> Page<ContactRecord> {
        try await writer.read { db in
            let companyID = try SQLiteCompanyRepository.companyID(company, in: scope, db: db)
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(ContactRecord.columns) FROM contact k WHERE k.company_id = ? AND k.id > ? ORDER BY k.id LIMIT ?",
                arguments: [companyID, page.cursor ?? 0, page.limit + 1]
            ).map(ContactRecord.init(row:))
            return Page(fetched: rows, limit: page.limit, id: \.id)
        }
    }

    public func contact(_ id: Int64, in scope: CompanyScope) async throws -> ContactRecord? {
        try await writer.read { db in try Self.contact(id, in: scope, db: db) }
    }

    public func createContact(
        _ contact: ContactDraft, siteID: Int64?, company: CompanyReference, in scope: CompanyScope, context: AuditContext,
        at now: Timestamp
    ) async throws -> ContactRecord {
        try await writer.write { db in
            let companyID = try SQLiteCompanyRepository.companyID(company, in: scope, db: db)
            try Self.checkSite(siteID, companyID: companyID, db: db)
            try db.execute(
                sql: """
                    INSERT INTO contact (company_id, site_id, last_name, first_name, email, phone, role, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: StatementArguments([companyID, siteID] + Self.values(contact) + [now.milliseconds, now.milliseconds]))
            let id = db.lastInsertedRowID
            try AuditTrail.append(
                .contactCreated, accountID: nil, companyID: companyID,
                details: Self.facts(contact, siteID: siteID).merging(["contact": String(id)]) { $1 }, context: context, at: now, in: db)
            return try Self.contact(id, in: .everything, db: db)!
        }
    }

    public func updateContact(
        _ id: Int64, to contact: ContactDraft, siteID: Int64?, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> ContactRecord {
        try await writer.write { db in
            guard let before = try Self.contact(id, in: scope, db: db) else { throw SiteViolation.unknownContact }
            let companyID = before.companyID
            try Self.checkSite(siteID, companyID: companyID, db: db)
            try db.execute(
                sql: """
                    UPDATE contact SET site_id = ?, last_name = ?, first_name = ?, email = ?, phone = ?, role = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: StatementArguments([siteID] + Self.values(contact) + [now.milliseconds, id]))
            var details = AuditTrail.changes(
                before: Self.facts(before.contact, siteID: before.siteID), after: Self.facts(contact, siteID: siteID))
            details["contact"] = String(id)
            try AuditTrail.append(.contactUpdated, accountID: nil, companyID: companyID, details: details, context: context, at: now, in: db)
            return try Self.contact(id, in: .everything, db: db)!
        }
    }

    public func deleteContact(_ id: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp) async throws {
        try await writer.write { db in
            guard let contact = try Self.contact(id, in: scope, db: db) else { throw SiteViolation.unknownContact }
            let companyID = contact.companyID
            try db.execute(sql: "DELETE FROM contact WHERE id = ?", arguments: [id])
            try AuditTrail.append(
                .contactDeleted, accountID: nil, companyID: companyID,
                details: Self.facts(contact.contact, siteID: contact.siteID).merging(["contact": String(id)]) { $1 },
                context: context, at: now, in: db)
        }
    }

    // MARK: - Inside a transaction

    /// Writes the head office of a new company, with its address if given (else to be completed).
    static func insertHeadOffice(companyID: Int64, address: PostalAddress?, at now: Timestamp, in db: Database) throws {
        let address = address ?? PostalAddress(street: "", postcode: "", city: "")
        let site = SiteDraft(name: SiteDraft.headOfficeName, address: address)
        try insertSite(site, companyID: companyID, isHeadOffice: true, at: now, in: db)
    }

    /// Inserts a site of a company and returns its id.
    @discardableResult
    private static func insertSite(
        _ site: SiteDraft, companyID: Int64, isHeadOffice: Bool, at now: Timestamp, in db: Database
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO site (company_id, is_head_office, name, street, complement, postcode, city, country, phone,
                                  opening_hours, iban, bic, account_holder, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: StatementArguments([companyID, isHeadOffice] + SiteRecord.values(site) + [now.milliseconds, now.milliseconds]))
        return db.lastInsertedRowID
    }

    private static func site(_ id: Int64, in scope: CompanyScope, db: Database) throws -> SiteRecord? {
        var (conditions, arguments) = SQLiteCompanyRepository.scopeCondition(scope)
        conditions.append("s.id = ?")
        arguments.append(id.databaseValue)
        return try Row.fetchOne(
            db, sql: "SELECT \(SiteRecord.columns) FROM site s JOIN company c ON c.id = s.company_id WHERE \(conditions.joined(separator: " AND "))",
            arguments: StatementArguments(arguments)
        ).map(SiteRecord.init(row:))
    }

    private static func contact(_ id: Int64, in scope: CompanyScope, db: Database) throws -> ContactRecord? {
        var (conditions, arguments) = SQLiteCompanyRepository.scopeCondition(scope)
        conditions.append("k.id = ?")
        arguments.append(id.databaseValue)
        return try Row.fetchOne(
            db, sql: "SELECT \(ContactRecord.columns) FROM contact k JOIN company c ON c.id = k.company_id WHERE \(conditions.joined(separator: " AND "))",
            arguments: StatementArguments(arguments)
        ).map(ContactRecord.init(row:))
    }

    private static func checkName(_ name: String, companyID: Int64, except: Int64?, db: Database) throws {
        if try Bool.fetchOne(
            db, sql: "SELECT 1 FROM site WHERE company_id = ? AND lower(name) = lower(?) AND id IS NOT ?",
            arguments: [companyID, name, except]) == true {
            throw SiteViolation.nameTaken
        }
    }

    private static func checkSite(_ siteID: Int64?, companyID: Int64, db: Database) throws {
        guard let siteID else { return }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM site WHERE id = ? AND company_id = ?", arguments: [siteID, companyID]) == true
        else { throw SiteViolation.unknownSite }
    }

    private static func values(_ contact: ContactDraft) -> [(any DatabaseValueConvertible)?] {
        [contact.lastName, contact.firstName, contact.email?.description, contact.phone?.description, contact.role]
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
