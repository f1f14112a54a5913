import MyOpenIPDomain
import Testing

@Suite("Catalogue: offerings and their order forms")
struct OfferingDraftTests {
    static let form = [
        Characteristic(
            name: "bandwidth_mbps", label: "Débit garanti (Mbit/s)", kind: .choice, required: true,
            allowedValues: ["100", "1000"]),
        Characteristic(name: "support_line", label: "Numéro de la ligne support", kind: .text, pattern: "0[1-9][0-9]{8}"),
        Characteristic(name: "channels", label: "Canaux", kind: .number, range: 2...120),
        Characteristic(name: "backup_4g", label: "Secours 4G", kind: .boolean),
    ]

    static func draft(
        code: String = "FIBRE-ENTREPRISE", category: OfferingCategory? = .internetAccess, monthly: Int64 = 39_900,
        notice: Int = 0, form: [Characteristic] = form, upgradeOf: String? = nil
    ) throws(DomainViolation) -> OfferingDraft {
        try OfferingDraft(
            code: code, name: "FIBRE OPTIQUE ENTREPRISE", category: category, oneTimePriceCents: 99_000,
            monthlyPriceCents: monthly, commitmentMonths: 36, noticeMonths: notice, terminationFeeCents: 50_000, form: form,
            upgradeOf: upgradeOf)
    }

    func violation(_ body: () throws -> Void) -> DomainViolation? {
        do {
            try body()
            return nil
        } catch {
            return error as? DomainViolation
        }
    }

    @Test func aNoticeOfZeroMonthsIsTheDefaultMonth() throws {
        #expect(try Self.draft(notice: 0).noticeMonths == 1)
        #expect(try Self.draft(notice: 3).noticeMonths == 3)
    }

    @Test func eachFieldIsCheckedAndNamed() {
        #expect(violation { _ = try Self.draft(code: "fibre") }?.field == "code")
        #expect(violation { _ = try Self.draft(category: nil) }?.field == "category")
        #expect(violation { _ = try Self.draft(monthly: -1) }?.field == "monthly_price_cents")
        #expect(violation { _ = try Self.draft(notice: 25) }?.field == "notice_months")
        #expect(violation { _ = try Self.draft(upgradeOf: "FIBRE-ENTREPRISE") }?.field == "upgrade_of")
        let choiceWithoutValues = [Characteristic(name: "speed", label: "Débit", kind: .choice)]
        #expect(violation { _ = try Self.draft(form: choiceWithoutValues) }?.field == "form[0].allowed_values")
        let badPattern = [Characteristic(name: "line", label: "Ligne", kind: .text, pattern: "([0-9")]
        #expect(violation { _ = try Self.draft(form: badPattern) }?.field == "form[0].pattern")
        let twice = [
            Characteristic(name: "a", label: "A", kind: .boolean), Characteristic(name: "a", label: "B", kind: .boolean),
        ]
        #expect(violation { _ = try Self.draft(form: twice) }?.field == "form[1].name")
        let badName = [Characteristic(name: "Débit", label: "Débit", kind: .boolean)]
        #expect(violation { _ = try Self.draft(form: badName) }?.field == "form[0].name")
    }

    @Test func aFilledFormIsCheckedFieldByField() throws {
        let offering = try Self.draft()
        try offering.checkForm(["bandwidth_mbps": "1000", "support_line": "0147560000", "channels": "30", "backup_4g": "true"])
        try offering.checkForm(["bandwidth_mbps": "100"])
        let cases: [([String: String], String, String)] = [
            ([:], "items[0].form.bandwidth_mbps", "FORM_VALUE_REQUIRED"),
            (["bandwidth_mbps": "300"], "items[0].form.bandwidth_mbps", "FORM_VALUE_INVALID"),
            (["bandwidth_mbps": "100", "support_line": "147560000"], "items[0].form.support_line", "FORM_VALUE_INVALID"),
            (["bandwidth_mbps": "100", "channels": "1"], "items[0].form.channels", "FORM_VALUE_INVALID"),
            (["bandwidth_mbps": "100", "channels": "deux"], "items[0].form.channels", "FORM_VALUE_INVALID"),
            (["bandwidth_mbps": "100", "backup_4g": "oui"], "items[0].form.backup_4g", "FORM_VALUE_INVALID"),
            (["bandwidth_mbps": "100", "colour": "rouge"], "items[0].form.colour", "FORM_VALUE_UNKNOWN"),
        ]
        for (values, field, reason) in cases {
            let refused = violation { try offering.checkForm(values, field: "items[0].form") }
            #expect(refused?.field == field, "\(values)")
            #expect(refused?.reason == reason, "\(values)")
        }
        let outOfRange = violation { try offering.checkForm(["bandwidth_mbps": "100", "channels": "500"]) }
        #expect(outOfRange?.message == "Canaux : la valeur doit être comprise entre 2 et 120")
    }

    @Test func categoriesCarryTheGuidesWords() {
        #expect(
            OfferingCategory.allCases.map(\.label) == [
                "Accès Internet", "Cloud", "Com'unifiés", "Téléphonie IP", "Téléphonie standard",
            ])
    }
}
