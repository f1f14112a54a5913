import GRDB
import MyOpenIPDomain

extension SQLiteOrderingRepository {
    public func terminationQuote(
        offer reference: String, requestDate: CivilDate, desiredDate: CivilDate, in scope: CompanyScope
    ) async throws -> TerminationQuote {
        try await reads.read { db in
            let base = try Self.terminable(reference, in: scope, db: db)
            let addOns = try Self.liveUpgrades(of: base.id, db: db)
            return try TerminationQuote(
                offers: try ([base] + addOns).map(Self.terminationFacts), requestDate: requestDate, desiredDate: desiredDate)
        }
    }

    public func terminate(
        offer reference: String, requestDate: CivilDate, desiredDate: CivilDate, reason: String, in scope: CompanyScope,
        context: AuditContext, at now: Timestamp, confirm: @escaping @Sendable (TerminationQuote) throws -> Void
    ) async throws -> TerminationRecord {
        try await writes.write(
            { db in
                let base = try Self.terminable(reference, in: scope, db: db)
                let offers = [base] + (try Self.liveUpgrades(of: base.id, db: db))
                let quote = try TerminationQuote(
                    offers: try offers.map(Self.terminationFacts), requestDate: requestDate, desiredDate: desiredDate)
                try confirm(quote)
                let text = Self.reason(reason, or: "Résiliation demandée, effective le \(quote.effectiveDate.french)")
                var changes: [OrderChange] = []
                for (row, line) in zip(offers, quote.lines) {
                    try db.cachedStatement(
                        sql: """
                            INSERT INTO contracted_offer_termination (contracted_offer_id, requested_at, requested_by,
                                desired_date, effective_date, remaining_months, fee_cents, penalty_cents, reason)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """
                    ).execute(arguments: [
                        row.id, now.milliseconds, context.actor, desiredDate.description, line.terms.effectiveDate.description,
                        line.terms.remainingCommittedMonths, line.terms.terminationFeeCents, line.terms.penaltyCents, reason,
                    ])
                    var write = try LifecycleWrite(
                        order: row.orderReference, in: .everything, db: db, context: context, now: now,
                        messageIDDomain: messageIDDomain)
                    guard let offer = try write.offers().first(where: { $0.id == row.id }) else {
                        throw OrderingViolation.unknownContractedOffer
                    }
                    try write.move(offer, to: .pendingTerminate, reason: text)
                    changes += try write.finish(action: .offerTerminationRequested, reason: text, settle: false, mail: false)
                }
                try Self.mailTermination(quote, base: base, context: context, at: now, messageIDDomain: messageIDDomain, db: db)
                let record = TerminationRecord(
                    quote: quote, requestedAt: now, requestedBy: context.actor, state: .pendingTerminate)
                return (record, changes)
            }, committed: { [feed] in feed.publish($0) }
        )
    }

    public func termination(offer reference: String, in scope: CompanyScope) async throws -> TerminationRecord? {
        try await reads.read { db in try Self.termination(reference, in: scope, db: db) }
    }

    public func completeTerminations(dueBy today: CivilDate, context: AuditContext, at now: Timestamp) async throws -> Int {
        try await writes.write(
            { db in
                let due = try Row.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT contracted_offer.id, customer_order.reference AS order_reference
                            FROM contracted_offer
                            JOIN contracted_offer_termination ON contracted_offer_termination.contracted_offer_id = contracted_offer.id
                            JOIN customer_order ON customer_order.id = contracted_offer.order_id
                            WHERE contracted_offer.state = 'pending_terminate'
                            AND contracted_offer_termination.effective_date <= ?
                            ORDER BY contracted_offer.id LIMIT 500
                            """),
                    arguments: [today.description])
                var changes: [OrderChange] = []
                for row in due {
                    var write = try LifecycleWrite(
                        order: row["order_reference"], in: .everything, db: db, context: context, now: now,
                        messageIDDomain: messageIDDomain)
                    guard let offer = try write.offers().first(where: { $0.id == row["id"] }) else { continue }
                    try write.move(offer, to: .terminated, reason: "Résiliation effective")
                    changes += try write.finish(action: .offerTerminated, reason: "Résiliation effective", settle: false)
                }
                return (due.count, changes)
            }, committed: { [feed] in feed.publish($0) }
        )
    }

    // MARK: - Inside a transaction

    /// An offer as a termination reads it.
    struct TerminableOffer {
        var id: Int64
        var reference: String
        var name: String
        var orderReference: String
        var companyName: String
        var quoteID: Int64
        var state: ContractedOfferState
        var offering: OfferingDraft
        var quantity: Int
        var deliveredAt: Int64?
    }

    static let terminableSelect = """
        SELECT contracted_offer.id, contracted_offer.reference, contracted_offer.name, contracted_offer.state,
               contracted_offer.offering, contracted_offer.quantity, contracted_offer.delivered_at,
               contracted_offer.upgrades_offer_id, customer_order.reference AS order_reference,
               customer_order.quote_id, company.name AS company_name
        FROM contracted_offer JOIN customer_order ON customer_order.id = contracted_offer.order_id
        JOIN company ON company.id = contracted_offer.company_id
        """

    static func terminableOffer(_ row: Row) throws -> TerminableOffer {
        let id: Int64 = row["id"]
        guard let state = ContractedOfferState(rawValue: row["state"]) else {
            throw StoreError.corruptRow(table: "contracted_offer", id: id)
        }
        return TerminableOffer(
            id: id, reference: row["reference"], name: row["name"], orderReference: row["order_reference"],
            companyName: row["company_name"], quoteID: row["quote_id"], state: state,
            offering: try FrozenOfferingJSON.decode(row["offering"], table: "contracted_offer", id: id),
            quantity: row["quantity"], deliveredAt: row["delivered_at"])
    }

    /// The offer `reference` of `scope` if it may be terminated now: delivered and live, not an
    /// option (which ends with its offer), with no upgrade in delivery.
    static func terminable(_ reference: String, in scope: CompanyScope, db: Database) throws -> TerminableOffer {
        let visible = scope.companyCondition
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "\(terminableSelect) WHERE contracted_offer.reference = ? AND \(visible.condition)"),
                arguments: [reference] + visible.arguments)
        else { throw OrderingViolation.unknownContractedOffer }
        let offer = try terminableOffer(row)
        if let baseID = row["upgrades_offer_id"] as Int64? {
            let base = try String.fetchOne(db, sql: "SELECT reference FROM contracted_offer WHERE id = ?", arguments: [baseID])
            throw OrderingViolation.terminatedWithBase(base ?? "")
        }
        switch offer.state {
        case .active, .suspended: break
        case .pendingTerminate, .terminated: throw OrderingViolation.terminationUnderway
        default: throw OrderingViolation.notTerminable(offer.state)
        }
        let upgrading =
            try Int.fetchOne(
                db.cachedStatement(
                    sql:
                        "SELECT count(*) FROM contracted_offer WHERE upgrades_offer_id = ? AND state IN ('created', 'pending_active')"
                ),
                arguments: [offer.id]) ?? 0
        guard upgrading == 0 else { throw OrderingViolation.upgradeInDelivery }
        return offer
    }

    /// The delivered options of an offer that still run.
    static func liveUpgrades(of id: Int64, db: Database) throws -> [TerminableOffer] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    \(terminableSelect) WHERE contracted_offer.upgrades_offer_id = ?
                    AND contracted_offer.state IN ('active', 'suspended') ORDER BY contracted_offer.id
                    """),
            arguments: [id]
        ).map(terminableOffer)
    }

    static func terminationFacts(_ offer: TerminableOffer) throws -> (
        reference: String, name: String, offer: TerminationTerms.Offer
    ) {
        let quantity = Int64(offer.quantity)
        return (
            offer.reference, offer.name,
            TerminationTerms.Offer(
                deliveredOn: offer.deliveredAt.map { CivilDate(Timestamp(milliseconds: $0)) },
                commitmentMonths: offer.offering.commitmentMonths, noticeMonths: offer.offering.noticeMonths,
                monthlyCents: offer.offering.monthlyPriceCents * quantity,
                terminationFeeCents: offer.offering.terminationFeeCents * quantity)
        )
    }

    /// The confirmed termination of `reference`: its terms computed again from what was stored
    /// (the frozen offering, the delivery, the days of the request), with the options it ended.
    static func termination(_ reference: String, in scope: CompanyScope, db: Database) throws -> TerminationRecord? {
        let visible = scope.companyCondition
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        \(terminableSelect) JOIN contracted_offer_termination AS termination
                            ON termination.contracted_offer_id = contracted_offer.id
                        WHERE contracted_offer.reference = ? AND \(visible.condition)
                        """),
                arguments: [reference] + visible.arguments)
        else { return nil }
        let base = try terminableOffer(row)
        guard
            let stored = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM contracted_offer_termination WHERE contracted_offer_id = ?"),
                arguments: [base.id]),
            let desired = CivilDate(stored["desired_date"] as String)
        else { return nil }
        let requestedAt = Timestamp(milliseconds: stored["requested_at"])
        let addOns = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    \(terminableSelect) JOIN contracted_offer_termination AS termination
                        ON termination.contracted_offer_id = contracted_offer.id
                    WHERE contracted_offer.upgrades_offer_id = ? AND termination.requested_at = ?
                    ORDER BY contracted_offer.id
                    """),
            arguments: [base.id, requestedAt.milliseconds]
        ).map(terminableOffer)
        let quote = try TerminationQuote(
            offers: try ([base] + addOns).map(terminationFacts), requestDate: CivilDate(requestedAt), desiredDate: desired)
        return TerminationRecord(quote: quote, requestedAt: requestedAt, requestedBy: stored["requested_by"], state: base.state)
    }

    /// Terminating takes effect on its day, not before.
    static func checkEffective(_ offerID: Int64, at now: Timestamp, db: Database) throws {
        guard
            let text = try String.fetchOne(
                db, sql: "SELECT effective_date FROM contracted_offer_termination WHERE contracted_offer_id = ?",
                arguments: [offerID]),
            let effective = CivilDate(text)
        else { throw OrderingViolation.illegalOfferTransition(from: .active, to: .terminated) }
        guard effective <= CivilDate(now) else { throw OrderingViolation.notYetEffective(effective) }
    }

    /// Confirms the termination to the order's follow-up contacts and to who asked for it.
    static func mailTermination(
        _ quote: TerminationQuote, base: TerminableOffer, context: AuditContext, at now: Timestamp, messageIDDomain: String,
        db: Database
    ) throws {
        var recipients = try LifecycleWrite.followUpEmails(quoteID: base.quoteID, db: db)
        if let requester = try String.fetchOne(
            db, sql: "SELECT email FROM account WHERE login = ?", arguments: [context.actor])
        {
            recipients.insert(requester)
        }
        let mail = TerminationConfirmationMail(
            offers: quote.lines.map { "\($0.reference) \($0.name)" }, clientName: base.companyName,
            terms: quote.main.terms, totalCents: quote.totalCents, requestedBy: context.actor)
        for recipient in recipients.sorted() {
            try Outbox.enqueue(
                OutgoingMail(
                    recipient: recipient, subject: mail.subject, body: mail.body, template: "termination_confirmation",
                    messageID: MessageID.new(domain: messageIDDomain)),
                accountID: nil, at: now, in: db)
        }
    }
}
