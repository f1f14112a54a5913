import Foundation
import GRDB
import MyOpenIPDomain

/// Reads orders and contracted offers inside a transaction.
enum OrderLoader {
    static let orderSelect = """
        SELECT customer_order.*, company.reference AS company_reference, company.name AS company_name
        FROM customer_order JOIN company ON company.id = customer_order.company_id
        """

    static func order(id: Int64, in scope: CompanyScope, db: Database) throws -> OrderRecord? {
        try order(where: "customer_order.id = ?", id, in: scope, db: db)
    }

    static func order(reference: String, in scope: CompanyScope, db: Database) throws -> OrderRecord? {
        try order(where: "customer_order.reference = ?", reference, in: scope, db: db)
    }

    private static func order(
        where condition: String, _ value: some DatabaseValueConvertible, in scope: CompanyScope, db: Database
    ) throws -> OrderRecord? {
        let visible = scope.companyCondition
        let statement = try db.cachedStatement(sql: "\(orderSelect) WHERE \(condition) AND \(visible.condition)")
        guard let row = try Row.fetchOne(statement, arguments: [value] + visible.arguments) else { return nil }
        return try record(row, db: db)
    }

    /// The order of a row of ``orderSelect``, with its products and contacts.
    static func record(_ row: Row, db: Database) throws -> OrderRecord {
        let id: Int64 = row["id"]
        let quoteID: Int64 = row["quote_id"]
        let offers = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT contracted_offer.*, upgraded.reference AS upgraded_reference FROM contracted_offer
                    LEFT JOIN contracted_offer AS upgraded ON upgraded.id = contracted_offer.upgrades_offer_id
                    WHERE contracted_offer.order_id = ? ORDER BY contracted_offer.item_number
                    """), arguments: [id])
        let contacts = try QuoteContactRow.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM quote_contact WHERE quote_id = ? ORDER BY id"), arguments: [quoteID])
        guard let state = OrderState(rawValue: row["state"]) else {
            throw StoreError.corruptRow(table: "customer_order", id: id)
        }
        return OrderRecord(
            id: id, reference: row["reference"], companyReference: row["company_reference"], companyName: row["company_name"],
            state: state, quoteID: quoteID, items: try offers.map(orderItem), contacts: try contacts.map { try $0.record() },
            cgvVersion: row["cgv_version"], placedAt: Timestamp(milliseconds: row["placed_at"]), placedBy: row["placed_by"],
            enteredBy: row["entered_by"], pilot: row["pilot"],
            kind: ContractedOfferKind(rawValue: row["kind"]) ?? .creation,
            pointOfNoReturnAt: (row["point_of_no_return_at"] as Int64?).map(Timestamp.init(milliseconds:)))
    }

    /// A row of `contracted_offer` as a product of its order.
    static func orderItem(_ row: Row) throws -> OrderItemRecord {
        let id: Int64 = row["id"]
        guard let state = ContractedOfferState(rawValue: row["state"]) else {
            throw StoreError.corruptRow(table: "contracted_offer", id: id)
        }
        return OrderItemRecord(
            item: try item(row), contractedOfferReference: row["reference"], state: state,
            cancellation: (row["cancellation"] as String?).flatMap(CancellationCause.init(rawValue:)),
            deliveredAt: (row["delivered_at"] as Int64?).map(Timestamp.init(milliseconds:)))
    }

    /// The frozen product of a row of `contracted_offer`.
    static func item(_ row: Row) throws -> QuoteItemRecord {
        let id: Int64 = row["id"]
        let offering = try FrozenOfferingJSON.decode(row["offering"], table: "contracted_offer", id: id)
        guard let site = try? StoredJSON.decode(SiteSnapshot.self, from: row["site"]),
            let form = try? StoredJSON.decode([String: String].self, from: row["form"])
        else { throw StoreError.corruptRow(table: "contracted_offer", id: id) }
        var upgraded: UpgradedOffer?
        if let upgradedID = row["upgrades_offer_id"] as Int64?, let reference = row["upgraded_reference"] as String? {
            upgraded = UpgradedOffer(id: upgradedID, reference: reference)
        }
        return QuoteItemRecord(
            number: row["item_number"], offering: offering, site: site, siteExists: row["site_id"] as Int64? != nil,
            quantity: row["quantity"], form: form, upgradedOffer: upgraded)
    }

    /// Offers with their client and their last order (the upgrade ordered last, or the order
    /// that created them).
    static let offerSelect = """
        SELECT contracted_offer.*, company.name AS company_name, company.reference AS company_reference,
               customer_order.reference AS order_reference, upgraded.reference AS upgraded_reference
        FROM contracted_offer JOIN company ON company.id = contracted_offer.company_id
        JOIN customer_order ON customer_order.id = coalesce(contracted_offer.last_order_id, contracted_offer.order_id)
        LEFT JOIN contracted_offer AS upgraded ON upgraded.id = contracted_offer.upgrades_offer_id
        """

    /// A row of ``offerSelect`` as a line of the list.
    static func offer(_ row: Row) throws -> ContractedOfferRecord {
        let id: Int64 = row["id"]
        guard let state = ContractedOfferState(rawValue: row["state"]), let kind = ContractedOfferKind(rawValue: row["kind"]),
            let category = OfferingCategory(rawValue: row["category"])
        else { throw StoreError.corruptRow(table: "contracted_offer", id: id) }
        return ContractedOfferRecord(
            id: id, reference: row["reference"], name: row["name"], offeringCode: row["offering_code"], category: category,
            pilot: row["pilot"], lastOrderReference: row["order_reference"], companyName: row["company_name"],
            companyReference: row["company_reference"], city: row["city"],
            deliveredAt: (row["delivered_at"] as Int64?).map(Timestamp.init(milliseconds:)), state: state, kind: kind,
            quantity: row["quantity"],
            cancellation: (row["cancellation"] as String?).flatMap(CancellationCause.init(rawValue:)),
            upgradedOfferReference: row["upgraded_reference"])
    }
}
