import Foundation

/// What operator staff write of an offering, checked: a code, a name, a category, prices in
/// euro cents excluding VAT, a commitment and notice in months, a termination fee, the order
/// form, the contacts an order needs, and the offering it upgrades, if any.
public struct OfferingDraft: Sendable, Hashable {
    public var code: String
    public var name: String
    public var description: String
    public var category: OfferingCategory
    public var oneTimePriceCents: Int64
    public var monthlyPriceCents: Int64
    public var commitmentMonths: Int
    public var noticeMonths: Int
    public var terminationFeeCents: Int64
    public var form: [Characteristic]
    public var needsOnSiteIntervention: Bool
    public var needsEquipmentDelivery: Bool
    /// The code of the offering whose delivered contracted offers this one is ordered on.
    public var upgradeOf: String?

    /// The largest price or fee, in cents: ten million euros.
    public static let maximumCents: Int64 = 1_000_000_000
    public static let maximumFormSize = 50

    /// Checks every field; a notice of 0 months becomes the default, 1.
    public init(
        code: String, name: String, description: String = "", category: OfferingCategory?, oneTimePriceCents: Int64,
        monthlyPriceCents: Int64, commitmentMonths: Int, noticeMonths: Int, terminationFeeCents: Int64,
        form: [Characteristic] = [], needsOnSiteIntervention: Bool = false, needsEquipmentDelivery: Bool = false,
        upgradeOf: String? = nil
    ) throws(DomainViolation) {
        guard Self.isCode(code) else {
            throw DomainViolation(
                reason: "OFFERING_CODE_INVALID",
                message: "Le code d'une offre est fait de majuscules, chiffres, « - » et « _ » (40 au plus)", field: "code")
        }
        let trimmedName = name.trimmingCharacters(in: .whitespaces)
        guard !trimmedName.isEmpty, trimmedName.count <= 200 else {
            throw DomainViolation(reason: "OFFERING_NAME_REQUIRED", message: "Le nom de l'offre est obligatoire", field: "name")
        }
        guard description.count <= 4000 else {
            throw DomainViolation(
                reason: "OFFERING_DESCRIPTION_TOO_LONG", message: "La description fait 4000 caractères au plus",
                field: "description")
        }
        guard let category else {
            throw DomainViolation(
                reason: "OFFERING_CATEGORY_REQUIRED", message: "La catégorie de l'offre est obligatoire", field: "category")
        }
        for (value, field) in [
            (oneTimePriceCents, "one_time_price_cents"), (monthlyPriceCents, "monthly_price_cents"),
            (terminationFeeCents, "termination_fee_cents"),
        ] where !(0...Self.maximumCents).contains(value) {
            throw DomainViolation(
                reason: "PRICE_INVALID",
                message: "Un prix est un nombre de centimes, positif ou nul, de 10 millions d'euros au plus",
                field: field)
        }
        guard (0...120).contains(commitmentMonths) else {
            throw DomainViolation(
                reason: "COMMITMENT_INVALID", message: "L'engagement est de 0 à 120 mois", field: "commitment_months")
        }
        guard (0...24).contains(noticeMonths) else {
            throw DomainViolation(reason: "NOTICE_INVALID", message: "Le préavis est de 1 à 24 mois", field: "notice_months")
        }
        guard form.count <= Self.maximumFormSize else {
            throw DomainViolation(reason: "FORM_INVALID", message: "Un formulaire a 50 champs au plus", field: "form")
        }
        var names: Set<String> = []
        for (index, characteristic) in form.enumerated() {
            try characteristic.checkDefinition(field: "form[\(index)]")
            guard names.insert(characteristic.name).inserted else {
                throw DomainViolation(
                    reason: "FORM_INVALID", message: "Deux champs du formulaire ont le même nom", field: "form[\(index)].name")
            }
        }
        if let upgradeOf {
            guard Self.isCode(upgradeOf), upgradeOf != code else {
                throw DomainViolation(
                    reason: "UPGRADE_OF_INVALID", message: "L'offre mise à niveau doit être une autre offre du catalogue",
                    field: "upgrade_of")
            }
        }
        self.code = code
        self.name = trimmedName
        self.description = description
        self.category = category
        self.oneTimePriceCents = oneTimePriceCents
        self.monthlyPriceCents = monthlyPriceCents
        self.commitmentMonths = commitmentMonths
        self.noticeMonths = noticeMonths == 0 ? 1 : noticeMonths
        self.terminationFeeCents = terminationFeeCents
        self.form = form
        self.needsOnSiteIntervention = needsOnSiteIntervention
        self.needsEquipmentDelivery = needsEquipmentDelivery
        self.upgradeOf = upgradeOf
    }

    /// Checks the values a client gave for this offering's form: each one a characteristic of
    /// it, every required one present. `field` prefixes the names in errors (an item of a quote).
    public func checkForm(_ values: [String: String], field: String = "form") throws(DomainViolation) {
        let known = Dictionary(uniqueKeysWithValues: form.map { ($0.name, $0) })
        for name in values.keys.sorted() where known[name] == nil {
            throw DomainViolation(
                reason: "FORM_VALUE_UNKNOWN", message: "« \(name) » n'est pas un champ du formulaire de \(self.name)",
                field: "\(field).\(name)")
        }
        for characteristic in form {
            guard let value = values[characteristic.name], !value.isEmpty else {
                if characteristic.required {
                    throw DomainViolation(
                        reason: "FORM_VALUE_REQUIRED", message: "\(characteristic.label) : ce champ est obligatoire",
                        field: "\(field).\(characteristic.name)")
                }
                continue
            }
            try characteristic.check(value, field: "\(field).\(characteristic.name)")
        }
    }

    static func isCode(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 40
            && text.unicodeScalars.allSatisfy {
                (0x41...0x5A).contains($0.value) || (0x30...0x39).contains($0.value) || $0 == "-" || $0 == "_"
            }
    }
}
