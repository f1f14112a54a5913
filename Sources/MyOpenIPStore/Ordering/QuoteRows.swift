import Foundation
import GRDB
import MyOpenIPDomain

/// A row of `quote`.
struct QuoteRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "quote"

    var id: Int64?
    var companyID: Int64
    var state: String
    var enteredForClient: Bool
    var createdAt: Int64
    var createdBy: String
    var updatedAt: Int64
    var validUntil: Int64
    var nextItemNumber: Int
    var submittedAt: Int64?
    var submittedBy: String?
    var refusedAt: Int64?
    var refusedBy: String?
    var refusalReason: String?

    enum CodingKeys: String, CodingKey {
        case id, state
        case companyID = "company_id"
        case enteredForClient = "entered_for_client"
        case createdAt = "created_at"
        case createdBy = "created_by"
        case updatedAt = "updated_at"
        case validUntil = "valid_until"
        case nextItemNumber = "next_item_number"
        case submittedAt = "submitted_at"
        case submittedBy = "submitted_by"
        case refusedAt = "refused_at"
        case refusedBy = "refused_by"
        case refusalReason = "refusal_reason"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `quote_item`.
struct QuoteItemRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "quote_item"

    var quoteID: Int64
    var number: Int
    var offeringID: Int64
    /// ``FrozenOfferingJSON``.
    var offering: String
    var siteID: Int64?
    /// A ``SiteSnapshot`` as JSON.
    var site: String
    var quantity: Int
    /// The form's values, a JSON object.
    var form: String
    /// For an upgrade: the contracted offer it is ordered on.
    var upgradesOfferID: Int64?
    /// Read only, joined from `contracted_offer`.
    var upgradesOfferReference: String? = nil

    enum CodingKeys: String, CodingKey {
        case number, offering, site, quantity, form
        case quoteID = "quote_id"
        case offeringID = "offering_id"
        case siteID = "site_id"
        case upgradesOfferID = "upgrades_offer_id"
        case upgradesOfferReference = "upgrades_offer_reference"
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["quote_id"] = quoteID
        container["number"] = number
        container["offering_id"] = offeringID
        container["offering"] = offering
        container["site_id"] = siteID
        container["site"] = site
        container["quantity"] = quantity
        container["form"] = form
        container["upgrades_offer_id"] = upgradesOfferID
    }

    func record() throws -> QuoteItemRecord {
        let offering = try FrozenOfferingJSON.decode(offering, table: Self.databaseTableName, id: quoteID)
        guard let site = try? StoredJSON.decode(SiteSnapshot.self, from: site),
            let form = try? StoredJSON.decode([String: String].self, from: form)
        else { throw StoreError.corruptRow(table: Self.databaseTableName, id: quoteID) }
        var upgraded: UpgradedOffer?
        if let upgradesOfferID, let upgradesOfferReference {
            upgraded = UpgradedOffer(id: upgradesOfferID, reference: upgradesOfferReference)
        }
        return QuoteItemRecord(
            number: number, offering: offering, site: site, siteExists: siteID != nil, quantity: quantity, form: form,
            upgradedOffer: upgraded)
    }
}

/// A row of `quote_contact`.
struct QuoteContactRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "quote_contact"

    var id: Int64?
    var quoteID: Int64
    var source: String
    var contactID: Int64?
    var lastName: String
    var firstName: String
    var email: String
    var phone: String
    var role: String
    /// The functions' raw values, comma-separated.
    var functions: String

    enum CodingKeys: String, CodingKey {
        case id, source, email, phone, role, functions
        case quoteID = "quote_id"
        case contactID = "contact_id"
        case lastName = "last_name"
        case firstName = "first_name"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(
        quoteID: Int64, source: QuoteContactSource, contactID: Int64?, person: QuoteContactPerson, functions: Set<ContactFunction>
    ) {
        self.quoteID = quoteID
        self.source = source.rawValue
        self.contactID = contactID
        lastName = person.lastName
        firstName = person.firstName
        email = person.email.description
        phone = person.phone.description
        role = person.role
        self.functions = Self.text(functions)
    }

    static func text(_ functions: Set<ContactFunction>) -> String {
        functions.sorted().map(\.rawValue).joined(separator: ",")
    }

    func record() throws -> QuoteContact {
        let functions = functions.split(separator: ",").compactMap { ContactFunction(rawValue: String($0)) }
        guard let source = QuoteContactSource(rawValue: source), let email = try? EmailAddress(email),
            let phone = try? PhoneNumber(phone)
        else { throw StoreError.corruptRow(table: Self.databaseTableName, id: id ?? 0) }
        return QuoteContact(
            id: id ?? 0, source: source, directoryContactID: contactID,
            person: QuoteContactPerson(lastName: lastName, firstName: firstName, email: email, phone: phone, role: role),
            functions: Set(functions))
    }
}

/// Reads whole quotes inside a transaction.
enum QuoteLoader {
    /// The quote `id` if its company is in `scope`; without its products unless `items` (a
    /// change that only checks the quote's state and contacts does not decode its offerings).
    static func quote(_ id: Int64, in scope: CompanyScope, items: Bool = true, db: Database) throws -> QuoteRecord? {
        let condition = scope.companyCondition
        let statement = try db.cachedStatement(
            sql: """
                SELECT quote.*, company.reference AS company_reference, company.name AS company_name,
                       customer_order.reference AS order_reference
                FROM quote JOIN company ON company.id = quote.company_id
                LEFT JOIN customer_order ON customer_order.quote_id = quote.id
                WHERE quote.id = ? AND \(condition.condition)
                """)
        guard let row = try Row.fetchOne(statement, arguments: [id] + condition.arguments) else { return nil }
        return try record(row, items: items, db: db)
    }

    /// The quote of a row of the query of ``quote(_:in:db:)``, with its items and contacts.
    static func record(_ row: Row, items withItems: Bool = true, db: Database) throws -> QuoteRecord {
        let quote = try QuoteRow(row: row)
        let id = quote.id ?? 0
        let items =
            withItems
            ? try QuoteItemRow.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT quote_item.*, contracted_offer.reference AS upgrades_offer_reference FROM quote_item
                        LEFT JOIN contracted_offer ON contracted_offer.id = quote_item.upgrades_offer_id
                        WHERE quote_id = ? ORDER BY number
                        """), arguments: [id]) : []
        let contacts = try QuoteContactRow.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM quote_contact WHERE quote_id = ? ORDER BY id"), arguments: [id])
        guard let state = QuoteState(rawValue: quote.state) else {
            throw StoreError.corruptRow(table: QuoteRow.databaseTableName, id: id)
        }
        return QuoteRecord(
            id: id, companyID: quote.companyID, companyReference: row["company_reference"], companyName: row["company_name"],
            state: state,
            enteredForClient: quote.enteredForClient, createdAt: Timestamp(milliseconds: quote.createdAt),
            createdBy: quote.createdBy, validUntil: Timestamp(milliseconds: quote.validUntil),
            submittedAt: quote.submittedAt.map(Timestamp.init(milliseconds:)), submittedBy: quote.submittedBy,
            refusedAt: quote.refusedAt.map(Timestamp.init(milliseconds:)), refusedBy: quote.refusedBy,
            refusalReason: quote.refusalReason, orderReference: row["order_reference"],
            items: try items.map { try $0.record() }, contacts: try contacts.map { try $0.record() })
    }
}
