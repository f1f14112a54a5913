import Foundation
import GRDB
import MyOpenIPDomain

/// ``OrderingRepository`` on the daemon's SQLite database.
public struct SQLiteOrderingRepository: OrderingRepository {
    public static let maximumItems = 50
    public static let maximumContacts = 20

    let reads: StoreReads
    let writes: GroupCommit
    /// Where the changes of orders go once durable.
    let feed: OrderChangeFeed
    /// The domain of the Message-IDs of the mails it writes.
    let messageIDDomain: String

    public init(store: Store, messageIDDomain: String = "myopenip.invalid") {
        reads = store.reads
        writes = store.writes
        feed = store.orderChanges
        self.messageIDDomain = messageIDDomain
    }

    public func createQuote(
        company: CompanyReference, in scope: CompanyScope, enteredForClient: Bool, validUntil: Timestamp,
        context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord {
        try await writes.write { db in
            let companyID = try scope.companyID(of: company, in: db)
            let kind = try String.fetchOne(db, sql: "SELECT kind FROM company WHERE id = ?", arguments: [companyID])
            guard kind == CompanyKind.client.rawValue else { throw OrderingViolation.notAClient }
            var row = QuoteRow(
                companyID: companyID, state: QuoteState.inProgress.rawValue, enteredForClient: enteredForClient,
                createdAt: now.milliseconds, createdBy: context.actor, updatedAt: now.milliseconds,
                validUntil: validUntil.milliseconds, nextItemNumber: 1)
            try row.insert(db)
            try AuditTrail.append(
                .quoteCreated, accountID: nil, companyID: companyID,
                details: ["quote": String(row.id!), "valid_until": validUntil.iso8601], context: context, at: now, in: db)
            return try Self.loaded(row.id!, in: scope, db: db)
        }
    }

    public func quote(_ id: Int64, in scope: CompanyScope) async throws -> QuoteRecord? {
        try await reads.read { db in try QuoteLoader.quote(id, in: scope, db: db) }
    }

    public func quotes(_ filter: QuoteFilter, in scope: CompanyScope, page: PageRequest) async throws -> Page<QuoteRecord> {
        let condition = scope.companyCondition
        var sql = """
            SELECT quote.*, company.reference AS company_reference, company.name AS company_name,
                   customer_order.reference AS order_reference
            FROM quote JOIN company ON company.id = quote.company_id
            LEFT JOIN customer_order ON customer_order.quote_id = quote.id
            WHERE quote.id < ? AND \(condition.condition)
            """
        var arguments: StatementArguments = [page.cursor ?? Int64.max]
        arguments += condition.arguments
        if let company = filter.company {
            sql += " AND company.reference = ?"
            arguments += [company.description]
        }
        if let state = filter.state {
            sql += " AND quote.state = ?"
            arguments += [state.rawValue]
        }
        sql += " ORDER BY quote.id DESC LIMIT ?"
        arguments += [page.limit + 1]
        let query = sql
        let values = arguments
        return try await reads.readPage { db in
            let rows = try Row.fetchAll(db, sql: query, arguments: values)
            return Page(fetched: try rows.map { try QuoteLoader.record($0, db: db) }, limit: page.limit, id: \.id)
        }
    }

    public func addItem(
        to quoteID: Int64, in scope: CompanyScope, offeringCode: String, siteID: Int64, upgrading: String?,
        context: AuditContext,
        at now: Timestamp, check: @escaping @Sendable (OfferingDraft) throws -> QuoteItemDraft
    ) async throws -> QuoteRecord {
        try await writes.write { db in
            let quote = try Self.editable(quoteID, in: scope, at: now, db: db)
            let count =
                try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT count(*) FROM quote_item WHERE quote_id = ?"), arguments: [quoteID]) ?? 0
            guard count < Self.maximumItems else { throw OrderingViolation.tooManyItems }
            guard let offering = try OfferingRow.filter(OfferingRow.Columns.code == offeringCode).fetchOne(db),
                offering.retiredAt == nil
            else { throw CatalogueViolation.unknownOffering.on("offering_code") }
            let draft = try offering.record().draft
            var upgraded: (id: Int64, siteID: Int64)?
            if let upgrading, let target = draft.upgradeOf {
                upgraded = try Self.upgradeTarget(upgrading, of: target, company: quote.companyID, db: db)
            }
            let site = try Self.site(upgraded?.siteID ?? siteID, ofCompany: quote.companyID, db: db)
            let item = try check(draft)
            let number = try Int.fetchOne(db, sql: "SELECT next_item_number FROM quote WHERE id = ?", arguments: [quoteID]) ?? 1
            try QuoteItemRow(
                quoteID: quoteID, number: number, offeringID: offering.id!, offering: FrozenOfferingJSON.encode(item.offering),
                siteID: site.id, site: StoredJSON.encode(site), quantity: item.quantity, form: StoredJSON.encode(item.form),
                upgradesOfferID: upgraded?.id
            ).insert(db)
            try db.execute(
                sql: "UPDATE quote SET next_item_number = ?, updated_at = ? WHERE id = ?",
                arguments: [number + 1, now.milliseconds, quoteID])
            try Self.audit(
                quote, ["item_added": String(number), "offering": offeringCode, "quantity": String(item.quantity)],
                context: context, at: now, db: db)
            return try Self.loaded(quoteID, in: scope, db: db)
        }
    }

    public func removeItem(
        _ number: Int, from quoteID: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord {
        try await writes.write { db in
            let quote = try Self.editable(quoteID, in: scope, at: now, db: db)
            try db.execute(sql: "DELETE FROM quote_item WHERE quote_id = ? AND number = ?", arguments: [quoteID, number])
            guard db.changesCount == 1 else { throw OrderingViolation.unknownItem }
            try Self.touch(quoteID, at: now, db: db)
            try Self.audit(quote, ["item_removed": String(number)], context: context, at: now, db: db)
            return try Self.loaded(quoteID, in: scope, db: db)
        }
    }

    public func addContact(
        _ contact: QuoteContactChoice, functions: Set<ContactFunction>, to quoteID: Int64, in scope: CompanyScope,
        context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord {
        try await writes.write { db in
            let quote = try Self.editable(quoteID, in: scope, at: now, db: db)
            guard quote.contacts.count < Self.maximumContacts else { throw OrderingViolation.tooManyContacts }
            let row: QuoteContactRow
            switch contact {
            case .adHoc(let person):
                row = QuoteContactRow(quoteID: quoteID, source: .adHoc, contactID: nil, person: person, functions: functions)
            case .directory(let contactID):
                guard !quote.contacts.contains(where: { $0.directoryContactID == contactID }) else {
                    throw OrderingViolation.contactAlreadyOnQuote
                }
                let (source, person) = try Self.directoryContact(contactID, for: quote.companyID, db: db)
                row = QuoteContactRow(
                    quoteID: quoteID, source: source, contactID: contactID, person: person, functions: functions)
            }
            try QuoteContactRules.checkLimits(quote.contacts.map(\.functions) + [functions])
            var inserted = row
            try inserted.insert(db)
            try Self.touch(quoteID, at: now, db: db)
            try Self.audit(
                quote, ["contact_added": String(inserted.id!), "source": row.source, "functions": row.functions],
                context: context, at: now, db: db)
            return try Self.loaded(quoteID, in: scope, db: db)
        }
    }

    public func setContactFunctions(
        _ functions: Set<ContactFunction>, of contactID: Int64, on quoteID: Int64, in scope: CompanyScope,
        context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord {
        try await writes.write { db in
            let quote = try Self.editable(quoteID, in: scope, at: now, db: db)
            guard quote.contacts.contains(where: { $0.id == contactID }) else { throw OrderingViolation.unknownQuoteContact }
            try QuoteContactRules.checkLimits(quote.contacts.map { $0.id == contactID ? functions : $0.functions })
            try db.execute(
                sql: "UPDATE quote_contact SET functions = ? WHERE id = ?",
                arguments: [QuoteContactRow.text(functions), contactID])
            try Self.touch(quoteID, at: now, db: db)
            try Self.audit(
                quote, ["contact_changed": String(contactID), "functions": QuoteContactRow.text(functions)],
                context: context, at: now, db: db)
            return try Self.loaded(quoteID, in: scope, db: db)
        }
    }

    public func removeContact(
        _ contactID: Int64, from quoteID: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord {
        try await writes.write { db in
            let quote = try Self.editable(quoteID, in: scope, at: now, db: db)
            try db.execute(sql: "DELETE FROM quote_contact WHERE id = ? AND quote_id = ?", arguments: [contactID, quoteID])
            guard db.changesCount == 1 else { throw OrderingViolation.unknownQuoteContact }
            try Self.touch(quoteID, at: now, db: db)
            try Self.audit(quote, ["contact_removed": String(contactID)], context: context, at: now, db: db)
            return try Self.loaded(quoteID, in: scope, db: db)
        }
    }

    // MARK: - Inside a transaction

    /// The quote `id` of `scope`, which must exist.
    static func loaded(_ id: Int64, in scope: CompanyScope, db: Database) throws -> QuoteRecord {
        guard let quote = try QuoteLoader.quote(id, in: scope, db: db) else { throw OrderingViolation.unknownQuote }
        return quote
    }

    /// The quote `id` of `scope` if it may still change: being built, and valid; without its
    /// products unless `items`.
    static func editable(_ id: Int64, in scope: CompanyScope, at now: Timestamp, items: Bool = false, db: Database) throws
        -> QuoteRecord
    {
        guard let quote = try QuoteLoader.quote(id, in: scope, items: items, db: db) else {
            throw OrderingViolation.unknownQuote
        }
        guard quote.state == .inProgress else { throw OrderingViolation.notEditable(quote.state) }
        guard !quote.isExpired(at: now) else { throw OrderingViolation.expired }
        return quote
    }

    static func touch(_ quoteID: Int64, at now: Timestamp, db: Database) throws {
        try db.execute(sql: "UPDATE quote SET updated_at = ? WHERE id = ?", arguments: [now.milliseconds, quoteID])
    }

    static func audit(
        _ quote: QuoteRecord, _ details: [String: String], action: AuditAction = .quoteChanged, context: AuditContext,
        at now: Timestamp, db: Database
    ) throws {
        try AuditTrail.append(
            action, accountID: nil, companyID: quote.companyID,
            details: details.merging(["quote": String(quote.id)]) { a, _ in a },
            context: context, at: now, in: db)
    }

    /// The contracted offer an upgrade of `offeringCode` is ordered on: an active offer of that
    /// offering, of the company, not itself an option. Returns its id and site.
    static func upgradeTarget(_ reference: String, of offeringCode: String, company companyID: Int64, db: Database) throws
        -> (id: Int64, siteID: Int64)
    {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT id, site_id, state, offering_code, upgrades_offer_id FROM contracted_offer
                        WHERE reference = ? AND company_id = ?
                        """),
                arguments: [reference, companyID])
        else { throw OrderingViolation.unknownContractedOffer.on("upgraded_offer_reference") }
        guard row["offering_code"] as String == offeringCode, row["state"] as String == ContractedOfferState.active.rawValue,
            row["upgrades_offer_id"] as Int64? == nil, let siteID = row["site_id"] as Int64?
        else { throw OrderingViolation.upgradeTargetInvalid(expected: offeringCode) }
        return (row["id"], siteID)
    }

    /// The site `id` of the company, frozen.
    static func site(_ id: Int64, ofCompany companyID: Int64, db: Database) throws -> SiteSnapshot {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT id, name, street, complement, postcode, city, country FROM site WHERE id = ? AND company_id = ?"),
                arguments: [id, companyID])
        else { throw OrderingViolation.unknownSite }
        return SiteSnapshot(
            id: row["id"], name: row["name"], street: row["street"], complement: row["complement"],
            postcode: row["postcode"], city: row["city"], country: row["country"])
    }

    /// A contact of the client's directory or of its partner's, complete.
    static func directoryContact(_ id: Int64, for companyID: Int64, db: Database) throws -> (
        QuoteContactSource, QuoteContactPerson
    ) {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT contact.*, CASE WHEN contact.company_id = client.id THEN 'client_directory' ELSE 'partner_directory' END AS source
                    FROM contact JOIN company AS client ON client.id = ?
                    WHERE contact.id = ? AND (contact.company_id = client.id OR contact.company_id = client.partner_id)
                    """,
                arguments: [companyID, id]),
            let source = QuoteContactSource(rawValue: row["source"])
        else { throw OrderingViolation.unknownDirectoryContact }
        let contact = try ContactRow(row: row)
        return (source, try QuoteContactPerson(directory: contact.draft))
    }
}
