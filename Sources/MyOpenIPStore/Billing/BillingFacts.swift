import GRDB
import MyOpenIPDomain

/// What an invoice of one company is computed from: its delivered contracted offers with their
/// frozen prices, termination and billing progress, and the company as its invoices name it.
struct BillingFacts {
    struct Offer {
        var id: Int64
        var offer: BillableOffer
        var siteID: Int64?
    }

    var offers: [Offer]
    var buyer: BillingParty
    var deliveryAddress: DeliveryAddress?

    var offerIDs: [String: Int64] { Dictionary(uniqueKeysWithValues: offers.map { ($0.offer.reference, $0.id) }) }

    static func load(companyID: Int64, db: Database) throws -> BillingFacts {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT contracted_offer.id, contracted_offer.reference, contracted_offer.name,
                           contracted_offer.quantity, contracted_offer.offering, contracted_offer.delivered_at,
                           contracted_offer.site_id,
                           termination.requested_at, termination.effective_date, termination.fee_cents,
                           termination.penalty_cents, termination.remaining_months,
                           billing.billed_through, billing.one_time_billed, billing.termination_billed
                    FROM contracted_offer
                    LEFT JOIN contracted_offer_termination AS termination
                        ON termination.contracted_offer_id = contracted_offer.id
                    LEFT JOIN contracted_offer_billing AS billing ON billing.contracted_offer_id = contracted_offer.id
                    WHERE contracted_offer.company_id = ? AND contracted_offer.delivered_at IS NOT NULL
                    ORDER BY contracted_offer.id
                    """), arguments: [companyID])
        let offers = try rows.map { row -> Offer in
            let id: Int64 = row["id"]
            let offering = try FrozenOfferingJSON.decode(row["offering"], table: "contracted_offer", id: id)
            var termination: BillableOffer.Termination?
            if let requestedAt: Int64 = row["requested_at"] {
                guard let effective = CivilDate(row["effective_date"] as String) else {
                    throw StoreError.corruptRow(table: "contracted_offer_termination", id: id)
                }
                termination = .init(
                    requestedOn: CivilDate(Timestamp(milliseconds: requestedAt)), effectiveOn: effective,
                    feeCents: row["fee_cents"], remainingMonths: row["remaining_months"],
                    penaltyCents: row["penalty_cents"])
            }
            let billedThrough = (row["billed_through"] as String?).flatMap(CivilDate.init)
            return Offer(
                id: id,
                offer: BillableOffer(
                    reference: row["reference"], name: row["name"], quantity: row["quantity"],
                    monthlyUnitCents: offering.monthlyPriceCents, oneTimeUnitCents: offering.oneTimePriceCents,
                    deliveredOn: (row["delivered_at"] as Int64?).map { CivilDate(Timestamp(milliseconds: $0)) },
                    termination: termination, billedThrough: billedThrough,
                    oneTimeBilled: (row["one_time_billed"] as Bool?) ?? false,
                    terminationBilled: (row["termination_billed"] as Bool?) ?? false),
                siteID: row["site_id"])
        }
        guard
            let company = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT company.reference, company.name, company.siren, mail_administrative,
                               mail_sales_administration, mail_commercial, mail_technical,
                               site.id AS site_id, site.street, site.complement, site.postcode, site.city, site.country,
                               (SELECT email FROM account
                                WHERE account.company_reference = company.reference AND account.state = 'active'
                                ORDER BY account.id LIMIT 1) AS account_email
                        FROM company JOIN site ON site.company_id = company.id AND site.is_head_office = 1
                        WHERE company.id = ?
                        """), arguments: [companyID])
        else { throw StoreError.corruptRow(table: "company", id: companyID) }
        let mails: [String?] = [
            company["mail_administrative"], company["mail_sales_administration"], company["mail_commercial"],
            company["mail_technical"], company["account_email"],
        ]
        let street = [company["street"] as String, company["complement"] as String].filter { !$0.isEmpty }
            .joined(separator: ", ")
        let buyer = BillingParty(
            name: company["name"], reference: company["reference"],
            siren: try Self.siren(company["siren"], companyID: companyID), street: street,
            postcode: company["postcode"], city: company["city"], country: company["country"],
            email: mails.compactMap { $0 }.first { !$0.isEmpty } ?? "")
        // A single site other than the head office, for every billed service: its address is the
        // delivery address the invoice prints.
        let headOffice: Int64 = company["site_id"]
        let sites = Set(offers.compactMap(\.siteID))
        var delivery: DeliveryAddress?
        if sites.count == 1, let site = sites.first, site != headOffice,
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT name, street, complement, postcode, city, country FROM site WHERE id = ?"),
                arguments: [site])
        {
            let street = [row["street"] as String, row["complement"] as String].filter { !$0.isEmpty }
                .joined(separator: ", ")
            delivery = DeliveryAddress(
                name: row["name"], street: street, postcode: row["postcode"], city: row["city"], country: row["country"])
        }
        return BillingFacts(offers: offers, buyer: buyer, deliveryAddress: delivery)
    }

    static func siren(_ text: String, companyID: Int64) throws -> Siren {
        do { return try Siren(text) } catch { throw StoreError.corruptRow(table: "company", id: companyID) }
    }
}
