import GRDB
import MyOpenIPDomain
import MyOpenIPStore

/// Contracted offers written straight into a test store, as the ordering domain leaves them once
/// delivered: a client company each, its quote, its order, and one active offer.
enum DeliveredOffers {
    /// An offering as the ordering domain freezes it into its contracted offer.
    struct Offering: Sendable {
        var code: String
        var name: String
        var category: OfferingCategory

        /// TRUNK SIP: 90.00 € a month, 150.00 € once.
        static let trunkSIP = Offering(code: "TRUNK-SIP", name: "TRUNK SIP", category: .ipTelephony)
        static let fibre = Offering(code: "FIBRE-ENTREPRISE", name: "FIBRE OPTIQUE ENTREPRISE", category: .internetAccess)

        var json: String {
            """
            {"category":"\(category.rawValue)","code":"\(code)","commitmentMonths":24,"description":"","form":[],\
            "monthlyPriceCents":9000,"name":"\(name)","needsEquipmentDelivery":false,\
            "needsOnSiteIntervention":false,"noticeMonths":1,"oneTimePriceCents":15000,"terminationFeeCents":15000}
            """
        }
    }

    /// `count` client companies with one `offering` each, delivered on 10 March 2026 (`corrupt`
    /// of them, by number from 1, with a frozen offering that cannot be read); their company and
    /// offer ids, in order.
    static func seed(
        _ fixture: CompanyFixture, count: Int, offering: Offering = .trunkSIP, corrupt: Set<Int> = []
    ) async throws -> [(company: Int64, offer: Int64)] {
        var references: [String] = []
        for index in 1...count {
            references.append(try await fixture.company("Client \(index)", number: 1_000 + index).reference.description)
        }
        let delivered = CivilDate("2026-03-10")!.start().milliseconds
        return try await fixture.store.writes.write { [references] db in
            try db.execute(
                sql: """
                    INSERT INTO terms_version (title, text, effective_at, published_at, published_by, document)
                    VALUES ('CGV', 'Article 1', 0, 0, 'test', 'sales_conditions')
                    """)
            let cgv = db.lastInsertedRowID
            var ids: [(company: Int64, offer: Int64)] = []
            for (index, reference) in references.enumerated() {
                let company = try Int64.fetchOne(db, sql: "SELECT id FROM company WHERE reference = ?", arguments: [reference])!
                let site = try Int64.fetchOne(
                    db, sql: "SELECT id FROM site WHERE company_id = ? AND is_head_office = 1", arguments: [company])!
                try db.execute(
                    sql: """
                        INSERT INTO quote (company_id, state, entered_for_client, created_at, created_by, updated_at, valid_until)
                        VALUES (?, 'accepted', 0, 0, 'test', 0, 0)
                        """, arguments: [company])
                let quote = db.lastInsertedRowID
                try db.execute(
                    sql: """
                        INSERT INTO customer_order (reference, company_id, quote_id, state, cgv_version, placed_at, placed_by,
                            one_time_cents, monthly_cents, search_key, updated_at)
                        VALUES (?, ?, ?, 'completed', ?, 0, 'test', 15000, 9000, '', 0)
                        """, arguments: [BusinessReference(.order, sequence: Int64(index + 1)).description, company, quote, cgv])
                let order = db.lastInsertedRowID
                try db.execute(
                    sql: """
                        INSERT INTO contracted_offer (reference, company_id, order_id, item_number, offering_code, name,
                            category, offering, site_id, site, city, quantity, form, state, kind, delivered_at, search_key,
                            created_at, updated_at)
                        VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, '{}', 'Paris', 1, '{}', 'active', 'creation', ?, '', 0, 0)
                        """,
                    arguments: [
                        BusinessReference(.contractedOffer, sequence: Int64(index + 1)).description, company, order,
                        offering.code, offering.name, offering.category.rawValue,
                        corrupt.contains(index + 1) ? "{not json" : offering.json, site, delivered,
                    ])
                ids.append((company, db.lastInsertedRowID))
            }
            return ids
        }
    }
}
