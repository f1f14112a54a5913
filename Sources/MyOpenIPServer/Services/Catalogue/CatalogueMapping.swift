import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPStore
import SwiftProtobuf

extension OfferingDraft {
    /// The offering written in `fields`, checked.
    init(_ fields: Myopenip_V1_OfferingFields) throws(DomainViolation) {
        let category = OfferingCategory(fields.category)
        let form = try fields.form.enumerated().map { (index, item) throws(DomainViolation) in
            try Characteristic(item, field: "fields.form[\(index)]")
        }
        try self.init(
            code: fields.code, name: fields.name, description: fields.description_p, category: category,
            oneTimePriceCents: fields.oneTimePriceCents, monthlyPriceCents: fields.monthlyPriceCents,
            commitmentMonths: Int(fields.commitmentMonths), noticeMonths: Int(fields.noticeMonths),
            terminationFeeCents: fields.terminationFeeCents, form: form,
            needsOnSiteIntervention: fields.needsOnSiteIntervention, needsEquipmentDelivery: fields.needsEquipmentDelivery,
            upgradeOf: fields.upgradeOf.isEmpty ? nil : fields.upgradeOf)
    }

    /// The fields an update may name (not the code, which never changes).
    static let updatablePaths: Set<String> = [
        "name", "description", "category", "one_time_price_cents", "monthly_price_cents", "commitment_months",
        "notice_months", "termination_fee_cents", "form", "needs_on_site_intervention", "needs_equipment_delivery",
        "upgrade_of",
    ]

    /// This offering with the fields named in `paths` taken from `fields`, checked again.
    func updating(_ paths: Set<String>, from fields: Myopenip_V1_OfferingFields) throws(DomainViolation) -> OfferingDraft {
        var merged = Myopenip_V1_OfferingFields(self)
        if paths.contains("name") { merged.name = fields.name }
        if paths.contains("description") { merged.description_p = fields.description_p }
        if paths.contains("category") { merged.category = fields.category }
        if paths.contains("one_time_price_cents") { merged.oneTimePriceCents = fields.oneTimePriceCents }
        if paths.contains("monthly_price_cents") { merged.monthlyPriceCents = fields.monthlyPriceCents }
        if paths.contains("commitment_months") { merged.commitmentMonths = fields.commitmentMonths }
        if paths.contains("notice_months") { merged.noticeMonths = fields.noticeMonths }
        if paths.contains("termination_fee_cents") { merged.terminationFeeCents = fields.terminationFeeCents }
        if paths.contains("form") { merged.form = fields.form }
        if paths.contains("needs_on_site_intervention") { merged.needsOnSiteIntervention = fields.needsOnSiteIntervention }
        if paths.contains("needs_equipment_delivery") { merged.needsEquipmentDelivery = fields.needsEquipmentDelivery }
        if paths.contains("upgrade_of") { merged.upgradeOf = fields.upgradeOf }
        return try OfferingDraft(merged)
    }
}

extension Characteristic {
    init(_ item: Myopenip_V1_Characteristic, field: String) throws(DomainViolation) {
        guard let kind = Characteristic.Kind(item.type) else {
            throw DomainViolation(
                reason: "FORM_INVALID", message: "Le type d'un champ du formulaire est obligatoire", field: field + ".type")
        }
        var range: ClosedRange<Int64>?
        if item.hasRange {
            guard item.range.minimum <= item.range.maximum else {
                throw DomainViolation(
                    reason: "FORM_INVALID", message: "La borne basse dépasse la borne haute", field: field + ".range")
            }
            range = item.range.minimum...item.range.maximum
        }
        self.init(
            name: item.name, label: item.label, kind: kind, required: item.required, allowedValues: item.allowedValues,
            pattern: item.pattern, range: range)
    }
}

extension Characteristic.Kind {
    init?(_ type: Myopenip_V1_CharacteristicType) {
        switch type {
        case .text: self = .text
        case .number: self = .number
        case .choice: self = .choice
        case .boolean: self = .boolean
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var proto: Myopenip_V1_CharacteristicType {
        switch self {
        case .text: .text
        case .number: .number
        case .choice: .choice
        case .boolean: .boolean
        }
    }
}

extension OfferingCategory {
    init?(_ category: Myopenip_V1_OfferingCategory) {
        switch category {
        case .internetAccess: self = .internetAccess
        case .cloud: self = .cloud
        case .unifiedCommunications: self = .unifiedCommunications
        case .ipTelephony: self = .ipTelephony
        case .standardTelephony: self = .standardTelephony
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var proto: Myopenip_V1_OfferingCategory {
        switch self {
        case .internetAccess: .internetAccess
        case .cloud: .cloud
        case .unifiedCommunications: .unifiedCommunications
        case .ipTelephony: .ipTelephony
        case .standardTelephony: .standardTelephony
        }
    }
}

extension Myopenip_V1_OfferingFields {
    init(_ draft: OfferingDraft) {
        self.init()
        code = draft.code
        name = draft.name
        description_p = draft.description
        category = draft.category.proto
        oneTimePriceCents = draft.oneTimePriceCents
        monthlyPriceCents = draft.monthlyPriceCents
        commitmentMonths = UInt32(draft.commitmentMonths)
        noticeMonths = UInt32(draft.noticeMonths)
        terminationFeeCents = draft.terminationFeeCents
        form = draft.form.map { characteristic in
            var item = Myopenip_V1_Characteristic()
            item.name = characteristic.name
            item.label = characteristic.label
            item.type = characteristic.kind.proto
            item.required = characteristic.required
            item.allowedValues = characteristic.allowedValues
            item.pattern = characteristic.pattern
            if let range = characteristic.range {
                item.range.minimum = range.lowerBound
                item.range.maximum = range.upperBound
            }
            return item
        }
        needsOnSiteIntervention = draft.needsOnSiteIntervention
        needsEquipmentDelivery = draft.needsEquipmentDelivery
        upgradeOf = draft.upgradeOf ?? ""
    }
}

extension Myopenip_V1_Offering {
    init(_ record: OfferingRecord) {
        self.init()
        fields = Myopenip_V1_OfferingFields(record.draft)
        createdAt = Google_Protobuf_Timestamp(record.createdAt)
        updatedAt = Google_Protobuf_Timestamp(record.updatedAt)
        if let retired = record.retiredAt { retiredAt = Google_Protobuf_Timestamp(retired) }
    }
}
