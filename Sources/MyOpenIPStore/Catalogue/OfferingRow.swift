import Foundation
import GRDB
import MyOpenIPDomain

/// A row of `offering`.
struct OfferingRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "offering"

    var id: Int64?
    var code: String
    var name: String
    var description: String
    var category: String
    var oneTimePriceCents: Int64
    var monthlyPriceCents: Int64
    var commitmentMonths: Int
    var noticeMonths: Int
    var terminationFeeCents: Int64
    /// The order form, as JSON (``FormJSON``).
    var form: String
    var needsOnSiteIntervention: Bool
    var needsEquipmentDelivery: Bool
    var upgradeOf: String?
    var createdAt: Int64
    var updatedAt: Int64
    var retiredAt: Int64?

    enum CodingKeys: String, CodingKey {
        case id, code, name, description, category, form
        case oneTimePriceCents = "one_time_price_cents"
        case monthlyPriceCents = "monthly_price_cents"
        case commitmentMonths = "commitment_months"
        case noticeMonths = "notice_months"
        case terminationFeeCents = "termination_fee_cents"
        case needsOnSiteIntervention = "needs_on_site_intervention"
        case needsEquipmentDelivery = "needs_equipment_delivery"
        case upgradeOf = "upgrade_of"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case retiredAt = "retired_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let code = Column(CodingKeys.code)
        static let category = Column(CodingKeys.category)
        static let retiredAt = Column(CodingKeys.retiredAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(_ draft: OfferingDraft, at now: Timestamp) {
        code = draft.code
        name = ""
        description = ""
        category = ""
        oneTimePriceCents = 0
        monthlyPriceCents = 0
        commitmentMonths = 0
        noticeMonths = 1
        terminationFeeCents = 0
        form = "[]"
        needsOnSiteIntervention = false
        needsEquipmentDelivery = false
        createdAt = now.milliseconds
        updatedAt = now.milliseconds
        set(draft)
    }

    /// Takes every field of `draft` but its code.
    mutating func set(_ draft: OfferingDraft) {
        name = draft.name
        description = draft.description
        category = draft.category.rawValue
        oneTimePriceCents = draft.oneTimePriceCents
        monthlyPriceCents = draft.monthlyPriceCents
        commitmentMonths = draft.commitmentMonths
        noticeMonths = draft.noticeMonths
        terminationFeeCents = draft.terminationFeeCents
        form = FormJSON.encode(draft.form)
        needsOnSiteIntervention = draft.needsOnSiteIntervention
        needsEquipmentDelivery = draft.needsEquipmentDelivery
        upgradeOf = draft.upgradeOf
    }

    /// The stored offering, checked again as it is read.
    func record() throws -> OfferingRecord {
        let draft: OfferingDraft
        do {
            draft = try OfferingDraft(
                code: code, name: name, description: description, category: OfferingCategory(rawValue: category),
                oneTimePriceCents: oneTimePriceCents, monthlyPriceCents: monthlyPriceCents,
                commitmentMonths: commitmentMonths, noticeMonths: noticeMonths, terminationFeeCents: terminationFeeCents,
                form: try FormJSON.decode(form), needsOnSiteIntervention: needsOnSiteIntervention,
                needsEquipmentDelivery: needsEquipmentDelivery, upgradeOf: upgradeOf)
        } catch {
            throw StoreError.corruptRow(table: Self.databaseTableName, id: id ?? 0)
        }
        return OfferingRecord(
            id: id ?? 0, draft: draft, createdAt: Timestamp(milliseconds: createdAt),
            updatedAt: Timestamp(milliseconds: updatedAt), retiredAt: retiredAt.map(Timestamp.init(milliseconds:)))
    }
}

/// An order form as stored: a JSON array of characteristics.
enum FormJSON {
    /// One characteristic as stored.
    struct Item: Codable {
        var name: String
        var label: String
        var type: String
        var required: Bool
        var allowedValues: [String]?
        var pattern: String?
        var minimum: Int64?
        var maximum: Int64?

        init(_ characteristic: Characteristic) {
            name = characteristic.name
            label = characteristic.label
            type = characteristic.kind.rawValue
            required = characteristic.required
            allowedValues = characteristic.allowedValues.isEmpty ? nil : characteristic.allowedValues
            pattern = characteristic.pattern.isEmpty ? nil : characteristic.pattern
            minimum = characteristic.range?.lowerBound
            maximum = characteristic.range?.upperBound
        }

        func characteristic() throws -> Characteristic {
            guard let kind = Characteristic.Kind(rawValue: type) else {
                throw DomainViolation(reason: "FORM_INVALID", message: "unknown characteristic type \(type)")
            }
            let range: ClosedRange<Int64>? =
                if let minimum, let maximum, minimum <= maximum { minimum...maximum } else { nil }
            return Characteristic(
                name: name, label: label, kind: kind, required: required, allowedValues: allowedValues ?? [],
                pattern: pattern ?? "", range: range)
        }
    }

    static func encode(_ form: [Characteristic]) -> String {
        StoredJSON.encode(form.map(Item.init))
    }

    static func decode(_ text: String) throws -> [Characteristic] {
        try JSONDecoder().decode([Item].self, from: Data(text.utf8)).map { try $0.characteristic() }
    }
}

/// JSON as the store writes it: keys sorted, slashes kept, so that equal values are equal texts.
enum StoredJSON {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
