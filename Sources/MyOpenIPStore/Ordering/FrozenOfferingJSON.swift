import Foundation
import MyOpenIPDomain
import Synchronization

/// An offering frozen on a quote or a contracted offer, as stored: every field of its draft,
/// with its form.
enum FrozenOfferingJSON {
    private struct Stored: Codable {
        var code: String
        var name: String
        var description: String
        var category: String
        var oneTimePriceCents: Int64
        var monthlyPriceCents: Int64
        var commitmentMonths: Int
        var noticeMonths: Int
        var terminationFeeCents: Int64
        var form: [FormJSON.Item]
        var needsOnSiteIntervention: Bool
        var needsEquipmentDelivery: Bool
        var upgradeOf: String?
    }

    static func encode(_ offering: OfferingDraft) -> String {
        StoredJSON.encode(
            Stored(
                code: offering.code, name: offering.name, description: offering.description,
                category: offering.category.rawValue, oneTimePriceCents: offering.oneTimePriceCents,
                monthlyPriceCents: offering.monthlyPriceCents, commitmentMonths: offering.commitmentMonths,
                noticeMonths: offering.noticeMonths, terminationFeeCents: offering.terminationFeeCents,
                form: offering.form.map(FormJSON.Item.init), needsOnSiteIntervention: offering.needsOnSiteIntervention,
                needsEquipmentDelivery: offering.needsEquipmentDelivery, upgradeOf: offering.upgradeOf))
    }

    /// The offerings decoded lately, by their JSON: the same few offerings are frozen on many
    /// quotes and offers, and decoding JSON costs far more than looking its text up.
    private static let decoded = Mutex<[String: OfferingDraft]>([:])
    private static let cacheLimit = 512

    /// The frozen offering; `table` and `id` name the row in the error of a damaged one.
    static func decode(_ text: String, table: String, id: Int64) throws -> OfferingDraft {
        if let offering = decoded.withLock({ $0[text] }) { return offering }
        let offering = try decodeAnew(text, table: table, id: id)
        decoded.withLock { cache in
            if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[text] = offering
        }
        return offering
    }

    private static func decodeAnew(_ text: String, table: String, id: Int64) throws -> OfferingDraft {
        do {
            let stored = try StoredJSON.decode(Stored.self, from: text)
            return try OfferingDraft(
                code: stored.code, name: stored.name, description: stored.description,
                category: OfferingCategory(rawValue: stored.category), oneTimePriceCents: stored.oneTimePriceCents,
                monthlyPriceCents: stored.monthlyPriceCents, commitmentMonths: stored.commitmentMonths,
                noticeMonths: stored.noticeMonths, terminationFeeCents: stored.terminationFeeCents,
                form: try stored.form.map { try $0.characteristic() }, needsOnSiteIntervention: stored.needsOnSiteIntervention,
                needsEquipmentDelivery: stored.needsEquipmentDelivery, upgradeOf: stored.upgradeOf)
        } catch {
            throw StoreError.corruptRow(table: table, id: id)
        }
    }
}
