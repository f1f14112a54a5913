import Foundation
import GRDB
import MyOpenIPDomain

extension SQLiteOrderingRepository {
    public func order(reference: String, in scope: CompanyScope) async throws -> OrderRecord? {
        try await reads.read { db in try OrderLoader.order(reference: reference, in: scope, db: db) }
    }

    public func orders(_ filter: OrderFilter, in scope: CompanyScope, page: PageRequest) async throws -> Page<OrderRecord> {
        var sql = "\(OrderLoader.orderSelect) WHERE customer_order.id < ?"
        var arguments: StatementArguments = [page.cursor ?? Int64.max]
        if let state = filter.state {
            sql += " AND customer_order.state = ?"
            arguments += [state.rawValue]
        }
        if let siteID = filter.siteID {
            sql += " AND customer_order.id IN (SELECT order_id FROM contracted_offer WHERE site_id = ?)"
            arguments += [siteID]
        }
        if let pattern = SearchText.pattern(filter.text) {
            sql += " AND customer_order.search_key LIKE ? ESCAPE '\\'"
            arguments += [pattern]
        }
        sql += " AND "
        let query = sql
        let values = arguments
        return try await reads.readPage { db in
            let visible = try ListScope.condition(
                column: "customer_order.company_id", scope: scope, company: filter.company, db: db)
            let rows = try Row.fetchAll(
                db, sql: query + visible.condition + " ORDER BY customer_order.id DESC LIMIT ?",
                arguments: values + visible.arguments + [page.limit + 1])
            return Page(fetched: try rows.map { try OrderLoader.record($0, db: db) }, limit: page.limit, id: \.id)
        }
    }

    public func contractedOffers(_ filter: ContractedOfferFilter, in scope: CompanyScope, page: PageRequest) async throws
        -> Page<ContractedOfferRecord>
    {
        var sql = "\(OrderLoader.offerSelect) WHERE contracted_offer.id < ?"
        var arguments: StatementArguments = [page.cursor ?? Int64.max]
        if let state = filter.state {
            sql += " AND contracted_offer.state = ?"
            arguments += [state.rawValue]
        }
        if let siteID = filter.siteID {
            sql += " AND contracted_offer.site_id = ?"
            arguments += [siteID]
        }
        if let category = filter.category {
            sql += " AND contracted_offer.category = ?"
            arguments += [category.rawValue]
        }
        if let pattern = SearchText.pattern(filter.text) {
            sql += " AND contracted_offer.search_key LIKE ? ESCAPE '\\'"
            arguments += [pattern]
        }
        sql += " AND "
        let query = sql
        let values = arguments
        return try await reads.readPage { db in
            let visible = try ListScope.condition(
                column: "contracted_offer.company_id", scope: scope, company: filter.company, db: db)
            let text = query + visible.condition + " ORDER BY contracted_offer.id DESC LIMIT ?"
            // A partner's list of clients changes the text: prepared for this call only.
            let statement = try visible.condition.contains(" IN (") ? db.makeStatement(sql: text) : db.cachedStatement(sql: text)
            let rows = try Row.fetchAll(statement, arguments: values + visible.arguments + [page.limit + 1])
            return Page(fetched: try rows.map(OrderLoader.offer), limit: page.limit, id: \.id)
        }
    }

    public func contractedOffer(reference: String, in scope: CompanyScope) async throws -> ContractedOfferDetailRecord? {
        try await reads.read { db in
            let visible = scope.condition(onCompanyID: "contracted_offer.company_id")
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            \(OrderLoader.offerSelect.replacingOccurrences(of: "customer_order.reference AS order_reference", with: "customer_order.reference AS order_reference, customer_order.state AS order_state, customer_order.placed_by, customer_order.entered_by, customer_order.quote_id"))
                            WHERE contracted_offer.reference = ? AND \(visible.condition)
                            """),
                    arguments: [reference] + visible.arguments)
            else { return nil }
            let offer = try OrderLoader.offer(row)
            let item = try OrderLoader.item(row)
            let history = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT event.*, customer_order.reference AS order_reference FROM contracted_offer_event AS event
                        LEFT JOIN customer_order ON customer_order.id = event.order_id
                        WHERE event.contracted_offer_id = ? ORDER BY event.id
                        """),
                arguments: [offer.id]
            ).map { event in
                guard let to = ContractedOfferState(rawValue: event["to_state"]) else {
                    throw StoreError.corruptRow(table: "contracted_offer_event", id: event["id"])
                }
                return ContractedOfferEventRecord(
                    at: Timestamp(milliseconds: event["at"]), actor: event["actor"],
                    from: (event["from_state"] as String?).flatMap(ContractedOfferState.init(rawValue:)), to: to,
                    reason: event["reason"], orderReference: event["order_reference"])
            }
            let contacts = try QuoteContactRow.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM quote_contact WHERE quote_id = ? ORDER BY id"),
                arguments: [row["quote_id"] as Int64])
            let phone = try String.fetchOne(
                db.cachedStatement(sql: "SELECT phone FROM site WHERE company_id = ? AND is_head_office = 1"),
                arguments: [row["company_id"] as Int64])
            guard let orderState = OrderState(rawValue: row["order_state"]) else {
                throw StoreError.corruptRow(table: "customer_order", id: row["order_id"])
            }
            let upgrades = try Row.fetchAll(
                db.cachedStatement(
                    sql: "\(OrderLoader.offerSelect) WHERE contracted_offer.upgrades_offer_id = ? ORDER BY contracted_offer.id"),
                arguments: [offer.id]
            ).map { row in
                let upgrade = try OrderLoader.item(row)
                return UpgradeRecord(offer: try OrderLoader.offer(row), offering: upgrade.offering, form: upgrade.form)
            }
            return ContractedOfferDetailRecord(
                offer: offer, offering: item.offering, site: item.site, form: item.form, lastOrderState: orderState,
                companyPhone: phone, history: history, enteredBy: row["entered_by"], placedBy: row["placed_by"],
                contacts: try contacts.map { try $0.record() }, upgrades: upgrades,
                termination: try Self.termination(reference, in: scope, db: db))
        }
    }
}
