import GRDB

/// A site row read and written column by column: every site write reads its row and writes it
/// back in the write transaction, and GRDB's `Codable` route cost more there than SQLite did.
extension SiteRow {
    init(row: Row) throws {
        id = row[CodingKeys.id.rawValue]
        companyID = row[CodingKeys.companyID.rawValue]
        isHeadOffice = row[CodingKeys.isHeadOffice.rawValue]
        name = row[CodingKeys.name.rawValue]
        street = row[CodingKeys.street.rawValue]
        complement = row[CodingKeys.complement.rawValue]
        postcode = row[CodingKeys.postcode.rawValue]
        city = row[CodingKeys.city.rawValue]
        country = row[CodingKeys.country.rawValue]
        phone = row[CodingKeys.phone.rawValue]
        openingHours = row[CodingKeys.openingHours.rawValue]
        iban = row[CodingKeys.iban.rawValue]
        bic = row[CodingKeys.bic.rawValue]
        accountHolder = row[CodingKeys.accountHolder.rawValue]
        createdAt = row[CodingKeys.createdAt.rawValue]
        updatedAt = row[CodingKeys.updatedAt.rawValue]
    }

    func encode(to container: inout PersistenceContainer) {
        container[CodingKeys.id.rawValue] = id
        container[CodingKeys.companyID.rawValue] = companyID
        container[CodingKeys.isHeadOffice.rawValue] = isHeadOffice
        container[CodingKeys.name.rawValue] = name
        container[CodingKeys.street.rawValue] = street
        container[CodingKeys.complement.rawValue] = complement
        container[CodingKeys.postcode.rawValue] = postcode
        container[CodingKeys.city.rawValue] = city
        container[CodingKeys.country.rawValue] = country
        container[CodingKeys.phone.rawValue] = phone
        container[CodingKeys.openingHours.rawValue] = openingHours
        container[CodingKeys.iban.rawValue] = iban
        container[CodingKeys.bic.rawValue] = bic
        container[CodingKeys.accountHolder.rawValue] = accountHolder
        container[CodingKeys.createdAt.rawValue] = createdAt
        container[CodingKeys.updatedAt.rawValue] = updatedAt
    }
}

extension SiteRow {
    /// Writes back the columns ``set(_:at:)`` changes (all but the company, the head-office mark
    /// and the creation time), with a statement prepared once: GRDB's record update builds its
    /// statement's text at every call.
    func updateChangeable(in db: Database) throws {
        try db.cachedStatement(
            sql: """
                UPDATE site SET name = ?, street = ?, complement = ?, postcode = ?, city = ?, country = ?, phone = ?,
                    opening_hours = ?, iban = ?, bic = ?, account_holder = ?, updated_at = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            name, street, complement, postcode, city, country, phone, openingHours, iban, bic, accountHolder, updatedAt, id,
        ])
    }
}
