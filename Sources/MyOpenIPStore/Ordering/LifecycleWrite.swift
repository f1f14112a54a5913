import GRDB
import MyOpenIPDomain

/// One change of the life of an order, inside its transaction: moves offers and the order,
/// writes each offer's history, then (``finish(reason:)``) settles the order's state from its
/// offers, mails its follow-up contacts, writes the audit event, and returns the changes for
/// the watchers.
struct LifecycleWrite {
    /// The order's own row and who it belongs to.
    struct Head {
        var id: Int64
        var reference: String
        var state: OrderState
        var pilot: String?
        var pointOfNoReturnAt: Int64?
        var quoteID: Int64
        var placedAt: Timestamp
        var companyID: Int64
        var companyReference: String
        var companyName: String
        var partnerReference: String?
    }

    /// An offer of the order, as its life needs it.
    struct Offer {
        var id: Int64
        var reference: String
        var name: String
        var state: ContractedOfferState
        var cancellation: CancellationCause?
        var deliveredAt: Int64?
        var orderID: Int64
        var upgradesOfferID: Int64?

        var outcome: OrderLifecycle.ItemOutcome {
            if deliveredAt != nil { return .delivered }
            if state == .cancelled { return .cancelled(cancellation ?? .client) }
            return .open
        }
    }

    let db: Database
    let context: AuditContext
    let now: Timestamp
    let messageIDDomain: String
    private(set) var head: Head
    private(set) var changes: [OrderChange] = []
    private var orderChanged = false
    private var details: [String: String] = [:]

    static let headSelect = """
        SELECT customer_order.id, customer_order.reference, customer_order.state, customer_order.pilot,
               customer_order.point_of_no_return_at, customer_order.quote_id, customer_order.placed_at,
               company.id AS company_id, company.reference AS company_reference, company.name AS company_name,
               partner.reference AS partner_reference
        FROM customer_order JOIN company ON company.id = customer_order.company_id
        LEFT JOIN company AS partner ON partner.id = company.partner_id
        """

    /// The order `reference` of `scope`; NOT_FOUND when it is not there.
    init(
        order reference: String, in scope: CompanyScope, db: Database, context: AuditContext, now: Timestamp,
        messageIDDomain: String
    )
        throws
    {
        let visible = scope.companyCondition
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "\(Self.headSelect) WHERE customer_order.reference = ? AND \(visible.condition)"),
                arguments: [reference] + visible.arguments)
        else { throw OrderingViolation.unknownOrder }
        guard let state = OrderState(rawValue: row["state"]) else {
            throw StoreError.corruptRow(table: "customer_order", id: row["id"])
        }
        head = Head(
            id: row["id"], reference: row["reference"], state: state, pilot: row["pilot"],
            pointOfNoReturnAt: row["point_of_no_return_at"], quoteID: row["quote_id"],
            placedAt: Timestamp(milliseconds: row["placed_at"]), companyID: row["company_id"],
            companyReference: row["company_reference"], companyName: row["company_name"],
            partnerReference: row["partner_reference"])
        self.db = db
        self.context = context
        self.now = now
        self.messageIDDomain = messageIDDomain
    }

    /// The offers the order created, in item order.
    func offers() throws -> [Offer] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, reference, name, state, cancellation, delivered_at, order_id, upgrades_offer_id
                    FROM contracted_offer WHERE order_id = ? ORDER BY item_number
                    """),
            arguments: [head.id]
        ).map(Self.offer)
    }

    static func offer(_ row: Row) throws -> Offer {
        guard let state = ContractedOfferState(rawValue: row["state"]) else {
            throw StoreError.corruptRow(table: "contracted_offer", id: row["id"])
        }
        return Offer(
            id: row["id"], reference: row["reference"], name: row["name"], state: state,
            cancellation: (row["cancellation"] as String?).flatMap(CancellationCause.init(rawValue:)),
            deliveredAt: row["delivered_at"], orderID: row["order_id"], upgradesOfferID: row["upgrades_offer_id"])
    }

    /// The addresses of the order's contacts who follow it (« Suivi de commande »).
    static func followUpEmails(quoteID: Int64, db: Database) throws -> Set<String> {
        let contacts = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT email, functions FROM quote_contact WHERE quote_id = ? ORDER BY id"),
            arguments: [quoteID])
        return Set(
            contacts.filter {
                ($0["functions"] as String).split(separator: ",").contains(Substring(ContactFunction.orderFollowUp.rawValue))
            }.map { $0["email"] as String })
    }

    // MARK: - Changes

    mutating func setPilot(_ pilot: String?) throws {
        try db.execute(
            sql: "UPDATE customer_order SET pilot = ?, updated_at = ? WHERE id = ?",
            arguments: [pilot, now.milliseconds, head.id])
        try db.execute(
            sql: "UPDATE contracted_offer SET pilot = ?, updated_at = ? WHERE order_id = ?",
            arguments: [pilot, now.milliseconds, head.id])
        head.pilot = pilot
        orderChanged = true
        details["pilot"] = pilot ?? ""
    }

    mutating func setOrderState(_ state: OrderState) throws {
        guard state != head.state else { return }
        try db.execute(
            sql: "UPDATE customer_order SET state = ?, updated_at = ? WHERE id = ?",
            arguments: [state.rawValue, now.milliseconds, head.id])
        details["order_from"] = details["order_from"] ?? head.state.rawValue
        details["order_to"] = state.rawValue
        head.state = state
        orderChanged = true
    }

    mutating func markPointOfNoReturn() throws {
        try db.execute(
            sql: "UPDATE customer_order SET point_of_no_return_at = ?, updated_at = ? WHERE id = ?",
            arguments: [now.milliseconds, now.milliseconds, head.id])
        head.pointOfNoReturnAt = now.milliseconds
        orderChanged = true
        details["point_of_no_return"] = now.iso8601
    }

    /// Moves `offer` to `target`, with its history line.
    mutating func move(
        _ offer: Offer, to target: ContractedOfferState, cancellation: CancellationCause? = nil,
        deliveredAt: Int64? = nil, reason: String
    ) throws {
        try db.cachedStatement(
            sql: """
                UPDATE contracted_offer SET state = ?, cancellation = ?, delivered_at = COALESCE(?, delivered_at),
                    updated_at = ? WHERE id = ?
                """
        ).execute(arguments: [target.rawValue, cancellation?.rawValue, deliveredAt, now.milliseconds, offer.id])
        try db.cachedStatement(
            sql: """
                INSERT INTO contracted_offer_event (contracted_offer_id, at, actor, from_state, to_state, reason, order_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            offer.id, now.milliseconds, context.actor, offer.state.rawValue, target.rawValue, reason, head.id,
        ])
        changes.append(
            change(offer: offer.reference, from: offer.state, to: target, cancellation: cancellation, reason: reason))
        details["offers", default: ""] += (details["offers"] == nil ? "" : ",") + "\(offer.reference):\(target.rawValue)"
    }

    private func change(
        offer: String?, from: ContractedOfferState?, to: ContractedOfferState?, cancellation: CancellationCause?,
        reason: String
    ) -> OrderChange {
        OrderChange(
            companyReference: head.companyReference, partnerReference: head.partnerReference,
            orderReference: head.reference, orderState: head.state, pilot: head.pilot,
            pointOfNoReturn: head.pointOfNoReturnAt != nil, offerReference: offer, offerFrom: from, offerTo: to,
            cancellation: cancellation, at: now, actor: context.actor, reason: reason)
    }

    /// Settles the order's state from its offers (unless `settle` is false), then writes the
    /// audit event and the mail to the follow-up contacts; returns the changes as watchers see
    /// them (each with the order's state after the whole change).
    mutating func finish(action: AuditAction, reason: String, settle: Bool = true, mail: Bool = true) throws -> [OrderChange] {
        let offers = try offers()
        if settle {
            try setOrderState(OrderLifecycle.settled(head.state, items: offers.map(\.outcome)))
        }
        if orderChanged {
            changes.insert(change(offer: nil, from: nil, to: nil, cancellation: nil, reason: reason), at: 0)
        }
        for index in changes.indices {
            changes[index].orderState = head.state
            changes[index].pilot = head.pilot
            changes[index].pointOfNoReturn = head.pointOfNoReturnAt != nil
        }
        if !reason.isEmpty { details["reason"] = reason }
        details["order"] = head.reference
        try AuditTrail.append(
            action, accountID: nil, companyID: head.companyID, details: details, context: context, at: now, in: db)
        if mail && !changes.isEmpty { try mailFollowUp(offers: offers, reason: reason) }
        return changes
    }

    /// « Suivi de commande »: the contacts of the order with that function.
    private func mailFollowUp(offers: [Offer], reason: String) throws {
        let recipients = try Self.followUpEmails(quoteID: head.quoteID, db: db)
        guard !recipients.isEmpty else { return }
        let mail = OrderProgressMail(
            orderReference: head.reference, clientName: head.companyName, orderStateLabel: head.state.label,
            lines: offers.map {
                OrderProgressMail.Line(
                    reference: $0.reference, name: $0.name, stateLabel: $0.state.label(cancellation: $0.cancellation),
                    deliveredOn: $0.deliveredAt.map { CivilDate(Timestamp(milliseconds: $0)) })
            }, reason: reason)
        for recipient in recipients.sorted() {
            try Outbox.enqueue(
                OutgoingMail(
                    recipient: recipient, subject: mail.subject, body: mail.body, template: "order_progress",
                    messageID: MessageID.new(domain: messageIDDomain)),
                accountID: nil, at: now, in: db)
        }
    }
}
