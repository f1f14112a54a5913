import Foundation
import GRDB
import MyOpenIPDomain

extension SQLiteOrderingRepository {
    public func submit(
        _ quoteID: Int64, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        mail: @escaping @Sendable (QuoteRecord, OrderValidator) -> ValidationLinkMail
    ) async throws -> QuoteRecord {
        try await writes.write { db in
            let quote = try Self.editable(quoteID, in: scope, at: now, items: true, db: db)
            guard quote.enteredForClient else { throw OrderingViolation.notEnteredForClient }
            try Self.checkOrderable(quote)
            let validators = try Self.validators(of: quote.companyReference, db: db)
            guard !validators.isEmpty else { throw OrderingViolation.nobodyToValidate }
            for validator in validators {
                let link = mail(quote, validator)
                try db.execute(
                    sql: """
                        INSERT INTO quote_validation_link (quote_id, account_id, token_digest, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [quoteID, validator.accountID, link.tokenDigest, now.milliseconds, quote.validUntil.milliseconds])
                var message = link.mail
                message.recipient = validator.email
                try Outbox.enqueue(message, accountID: validator.accountID, at: now, in: db)
            }
            try db.execute(
                sql: "UPDATE quote SET state = ?, submitted_at = ?, submitted_by = ?, updated_at = ? WHERE id = ?",
                arguments: [QuoteState.pending.rawValue, now.milliseconds, context.actor, now.milliseconds, quoteID])
            try Self.audit(
                quote, ["validators": validators.map(\.login).joined(separator: ",")], action: .quoteSubmitted,
                context: context, at: now, db: db)
            return try Self.loaded(quoteID, in: scope, db: db)
        }
    }

    public func quote(validationTokenDigest: String, for client: OrderingClient, at now: Timestamp) async throws
        -> QuoteRecord
    {
        try await reads.read { db in
            let quoteID = try Self.openLink(validationTokenDigest, for: client, at: now, db: db)
            return try Self.loaded(quoteID, in: .everything, db: db)
        }
    }

    public func placeOrder(
        _ placement: OrderPlacement, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        mails: @escaping @Sendable (OrderRecord, _ placedByEmail: String?) -> [OutgoingMail]
    ) async throws -> OrderRecord {
        try await writes.write { db in
            let quote = try Self.loaded(placement.quoteID, in: scope, db: db)
            try Self.checkValidation(
                of: quote, by: placement.client, tokenDigest: placement.validationTokenDigest, at: now, db: db)
            try Self.checkOrderable(quote)
            try Self.checkSalesConditions(placement.cgvVersion, at: now, db: db)
            let order = try Self.insertOrder(of: quote, placement: placement, context: context, at: now, db: db)
            try db.execute(
                sql: "UPDATE quote SET state = ?, updated_at = ? WHERE id = ?",
                arguments: [QuoteState.accepted.rawValue, now.milliseconds, quote.id])
            try AuditTrail.append(
                .orderPlaced, accountID: placement.client.accountID, companyID: quote.companyID,
                details: [
                    "order": order.reference, "quote": String(quote.id), "cgv_version": String(placement.cgvVersion),
                    "contracted_offers": order.items.map(\.contractedOfferReference).joined(separator: ","),
                ],
                context: context, at: now, in: db)
            let email = try String.fetchOne(
                db, sql: "SELECT email FROM account WHERE id = ?", arguments: [placement.client.accountID])
            for mail in mails(order, email) {
                try Outbox.enqueue(mail, accountID: nil, at: now, in: db)
            }
            return order
        }
    }

    public func refuse(
        _ quoteID: Int64, by client: OrderingClient, validationTokenDigest: String, reason: String, in scope: CompanyScope,
        context: AuditContext, at now: Timestamp
    ) async throws -> QuoteRecord {
        try await writes.write { db in
            let quote = try Self.loaded(quoteID, in: scope, db: db)
            guard quote.enteredForClient else { throw OrderingViolation.notEnteredForClient }
            try Self.checkValidation(of: quote, by: client, tokenDigest: validationTokenDigest, at: now, db: db)
            try db.execute(
                sql: """
                    UPDATE quote SET state = ?, refused_at = ?, refused_by = ?, refusal_reason = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [QuoteState.rejected.rawValue, now.milliseconds, context.actor, reason, now.milliseconds, quoteID])
            try Self.audit(quote, ["reason": reason], action: .quoteRefused, context: context, at: now, db: db)
            return try Self.loaded(quoteID, in: scope, db: db)
        }
    }

    // MARK: - Inside a transaction

    /// Whether `client` may order `quote` now: a user of its company; its own quote while being
    /// built, or one entered for it once submitted and with a valid link of its own, which this
    /// uses up (and voids the other validators' links).
    static func checkValidation(
        of quote: QuoteRecord, by client: OrderingClient, tokenDigest: String?, at now: Timestamp, db: Database
    ) throws {
        switch quote.state {
        case .accepted: throw OrderingViolation.alreadyOrdered(quote.orderReference ?? "")
        case .rejected: throw OrderingViolation.refused
        case .inProgress, .pending: break
        }
        guard quote.companyReference == client.companyReference else { throw OrderingViolation.clientOnly }
        guard !quote.isExpired(at: now) else { throw OrderingViolation.expired }
        guard quote.enteredForClient else {
            guard quote.state == .inProgress else { throw OrderingViolation.notEditable(quote.state) }
            return
        }
        guard quote.state == .pending, let tokenDigest, !tokenDigest.isEmpty else {
            throw OrderingViolation.awaitsClientValidation
        }
        guard try openLink(tokenDigest, for: client, at: now, db: db) == quote.id else {
            throw OrderingViolation.validationLinkInvalid
        }
        try db.execute(
            sql: "UPDATE quote_validation_link SET used_at = ? WHERE token_digest = ?",
            arguments: [now.milliseconds, tokenDigest])
        try db.execute(
            sql: """
                UPDATE quote_validation_link SET voided_at = ?
                WHERE quote_id = ? AND used_at IS NULL AND voided_at IS NULL
                """,
            arguments: [now.milliseconds, quote.id])
    }

    /// The quote of a validation link of `client`'s account that is neither used nor expired.
    static func openLink(_ tokenDigest: String, for client: OrderingClient, at now: Timestamp, db: Database) throws -> Int64 {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT quote_id, account_id, expires_at, used_at, voided_at FROM quote_validation_link
                        WHERE token_digest = ?
                        """),
                arguments: [tokenDigest]),
            row["account_id"] as Int64 == client.accountID
        else { throw OrderingViolation.validationLinkInvalid }
        guard row["used_at"] as Int64? == nil, row["voided_at"] as Int64? == nil else {
            throw OrderingViolation.validationLinkUsed
        }
        guard row["expires_at"] as Int64 > now.milliseconds else { throw OrderingViolation.validationLinkExpired }
        return row["quote_id"]
    }

    /// What an order needs of its quote: products, on sites that still exist, and contacts by the rules.
    static func checkOrderable(_ quote: QuoteRecord) throws {
        guard !quote.items.isEmpty else { throw OrderingViolation.noItem }
        if let index = quote.items.firstIndex(where: { !$0.siteExists }) { throw OrderingViolation.siteGone(item: index) }
        try quote.checkContacts()
    }

    /// The CGV accepted must be the version in force.
    static func checkSalesConditions(_ version: Int64, at now: Timestamp, db: Database) throws {
        let inForce = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT \(TermsVersionRow.inForceIDSQL(document: .salesConditions))"),
            arguments: [now.milliseconds])
        guard let inForce else { throw OrderingViolation.salesConditionsNoneInForce }
        guard inForce == version else { throw OrderingViolation.salesConditionsNotInForce }
    }

    /// The next number of a gapless series, taken in the transaction that uses it: a rolled back
    /// write gives its number back.
    static func nextReference(_ kind: BusinessReference.Kind, db: Database) throws -> BusinessReference {
        let sequence = try Int64.fetchOne(
            db.cachedStatement(sql: "UPDATE reference_counter SET last = last + 1 WHERE name = ? RETURNING last"),
            arguments: [kind.rawValue])
        guard let sequence else { throw StoreError.corruptRow(table: "reference_counter", id: 0) }
        return BusinessReference(kind, sequence: sequence)
    }

    /// Inserts the order of `quote` and one contracted offer per product, with the first
    /// operation of each offer's history; returns the order as written.
    static func insertOrder(
        of quote: QuoteRecord, placement: OrderPlacement, context: AuditContext, at now: Timestamp, db: Database
    ) throws -> OrderRecord {
        for (index, item) in quote.items.enumerated() {
            guard let upgraded = item.upgradedOffer else { continue }
            let state = try String.fetchOne(
                db.cachedStatement(sql: "SELECT state FROM contracted_offer WHERE id = ?"), arguments: [upgraded.id])
            guard state == ContractedOfferState.active.rawValue else {
                throw OrderingViolation.upgradeTargetInvalid(expected: item.offering.upgradeOf ?? "")
                    .on("items[\(index)].upgraded_offer_reference")
            }
        }
        let reference = try nextReference(.order, db: db).description
        let totals = quote.totals
        let enteredBy = quote.enteredForClient ? (quote.submittedBy ?? quote.createdBy) : nil
        let kind: ContractedOfferKind = quote.items.contains { $0.upgradedOffer != nil } ? .modification : .creation
        try db.cachedStatement(
            sql: """
                INSERT INTO customer_order (reference, company_id, quote_id, state, cgv_version, placed_at, placed_by,
                    entered_by, one_time_cents, monthly_cents, search_key, updated_at, kind)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            reference, quote.companyID, quote.id, OrderState.acknowledged.rawValue, placement.cgvVersion, now.milliseconds,
            context.actor, enteredBy, totals.oneTime.excludingVATCents, totals.monthly.excludingVATCents,
            SearchText.key([reference, quote.companyName] + quote.items.map(\.offering.name)), now.milliseconds,
            kind.rawValue,
        ])
        let orderID = db.lastInsertedRowID
        var items: [OrderItemRecord] = []
        for item in quote.items {
            let offer = try nextReference(.contractedOffer, db: db).description
            try db.cachedStatement(
                sql: """
                    INSERT INTO contracted_offer (reference, company_id, order_id, item_number, offering_code, name, category,
                        offering, site_id, site, city, quantity, form, state, kind, search_key, created_at, updated_at,
                        upgrades_offer_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                offer, quote.companyID, orderID, item.number, item.offering.code, item.offering.name,
                item.offering.category.rawValue, FrozenOfferingJSON.encode(item.offering), item.site.id,
                StoredJSON.encode(item.site), item.site.city, item.quantity, StoredJSON.encode(item.form),
                ContractedOfferState.created.rawValue,
                (item.upgradedOffer == nil ? ContractedOfferKind.creation : .modification).rawValue,
                SearchText.key([offer, item.offering.name, item.site.city, quote.companyName]), now.milliseconds,
                now.milliseconds, item.upgradedOffer?.id,
            ])
            let offerID = db.lastInsertedRowID
            if let upgraded = item.upgradedOffer {
                // The upgraded offer's last order is this one (« réf. dernière commande »).
                try db.cachedStatement(
                    sql: "UPDATE contracted_offer SET last_order_id = ?, kind = ?, updated_at = ? WHERE id = ?"
                ).execute(arguments: [orderID, ContractedOfferKind.modification.rawValue, now.milliseconds, upgraded.id])
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO contracted_offer_event (contracted_offer_id, at, actor, from_state, to_state, reason, order_id)
                    VALUES (?, ?, ?, NULL, ?, ?, ?)
                    """
            ).execute(arguments: [
                offerID, now.milliseconds, context.actor, ContractedOfferState.created.rawValue,
                "Commande \(reference) déposée", orderID,
            ])
            items.append(OrderItemRecord(item: item, contractedOfferReference: offer, state: .created))
        }
        return OrderRecord(
            id: orderID, reference: reference, companyReference: quote.companyReference, companyName: quote.companyName,
            state: .acknowledged, quoteID: quote.id, items: items, contacts: quote.contacts, cgvVersion: placement.cgvVersion,
            placedAt: now, placedBy: context.actor, enteredBy: enteredBy, pilot: nil, kind: kind)
    }

    /// The active users of a client company who hold orders.manage.
    static func validators(of companyReference: String, db: Database) throws -> [OrderValidator] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT account.id, account.login, account.display_name, account.email
                FROM account
                JOIN account_right ON account_right.account_id = account.id
                JOIN access_right ON access_right.id = account_right.right_id
                WHERE account.company_reference = ? AND account.state = 'active'
                AND (',' || access_right.permissions || ',') LIKE '%,orders.manage,%'
                ORDER BY account.id
                """,
            arguments: [companyReference]
        ).map { row in
            OrderValidator(accountID: row["id"], login: row["login"], displayName: row["display_name"], email: row["email"])
        }
    }
}
