import Foundation
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite catalogue repository")
struct CatalogueRepositoryTests {
    let context = AuditContext(actor: "operator(uid=0)")
    let start = Timestamp(milliseconds: 1_700_000_000_000)

    static func trunk(code: String = "TRUNK-SIP", upgradeOf: String? = nil, monthly: Int64 = 9000) throws -> OfferingDraft {
        try OfferingDraft(
            code: code, name: code == "TRUNK-SIP" ? "TRUNK SIP" : "Ajout de canaux SIP sur un Trunk SIP existant",
            category: .ipTelephony, oneTimePriceCents: 15_000, monthlyPriceCents: monthly, commitmentMonths: 24, noticeMonths: 1,
            terminationFeeCents: 15_000,
            form: [Characteristic(name: "channels", label: "Canaux", kind: .number, required: true, range: 2...120)],
            upgradeOf: upgradeOf)
    }

    func withCatalogue(_ body: (SQLiteCatalogueRepository, SQLiteAuditLogRepository) async throws -> Void) async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: .everyDomain)
            try await body(SQLiteCatalogueRepository(store: store), SQLiteAuditLogRepository(store: store))
        }
    }

    @Test func anOfferingIsStoredWithItsFormAndAudited() async throws {
        try await withCatalogue { catalogue, audit async throws in
            let created = try await catalogue.create(try Self.trunk(), context: context, at: start)
            #expect(created.draft == (try Self.trunk()))
            #expect(created.isOnSale)
            #expect(try await catalogue.offering(code: "TRUNK-SIP") == created)
            let events = try await audit.events(AuditFilter(action: "offering.created"), page: PageRequest())
            #expect(events.items.first?.details["code"] == "TRUNK-SIP")
            await #expect(throws: CatalogueViolation.codeTaken("TRUNK-SIP")) {
                _ = try await catalogue.create(try Self.trunk(), context: context, at: start)
            }
        }
    }

    @Test func anUpgradeNeedsTheOfferingItUpgrades() async throws {
        try await withCatalogue { catalogue, _ async throws in
            let upgrade = try Self.trunk(code: "TRUNK-SIP-CANAUX", upgradeOf: "TRUNK-SIP")
            await #expect(throws: CatalogueViolation.unknownUpgradedOffering) {
                _ = try await catalogue.create(upgrade, context: context, at: start)
            }
            _ = try await catalogue.create(try Self.trunk(), context: context, at: start)
            #expect(try await catalogue.create(upgrade, context: context, at: start).draft.upgradeOf == "TRUNK-SIP")
        }
    }

    @Test func anUpdateNamesWhatChangedAndARetiredOfferingNoLongerChangesOrSells() async throws {
        try await withCatalogue { catalogue, audit async throws in
            _ = try await catalogue.create(try Self.trunk(), context: context, at: start)
            let later = start.adding(.seconds(60))
            let updated = try await catalogue.update(
                code: "TRUNK-SIP", { _ in try Self.trunk(monthly: 9900) }, context: context, at: later)
            #expect(updated.draft.monthlyPriceCents == 9900)
            #expect(updated.updatedAt == later)
            let events = try await audit.events(AuditFilter(action: "offering.updated"), page: PageRequest())
            #expect(events.items.first?.details["changed"] == "monthly_price_cents")
            // The same values again: nothing written.
            let same = try await catalogue.update(code: "TRUNK-SIP", { $0 }, context: context, at: later.adding(.seconds(1)))
            #expect(same.updatedAt == later)

            let retired = try await catalogue.retire(code: "TRUNK-SIP", context: context, at: later)
            #expect(!retired.isOnSale)
            #expect(try await catalogue.retire(code: "TRUNK-SIP", context: context, at: later.adding(.seconds(9))) == retired)
            await #expect(throws: CatalogueViolation.retired) {
                _ = try await catalogue.update(code: "TRUNK-SIP", { $0 }, context: context, at: later)
            }
            await #expect(throws: CatalogueViolation.unknownOffering) {
                _ = try await catalogue.retire(code: "NOPE", context: context, at: later)
            }
            #expect(try await catalogue.offerings(OfferingFilter(), page: PageRequest()).items.isEmpty)
            #expect(try await catalogue.offerings(OfferingFilter(includeRetired: true), page: PageRequest()).items.count == 1)
        }
    }

    @Test func listsFilterByCategoryPageByPage() async throws {
        try await withCatalogue { catalogue, _ async throws in
            for index in 0..<5 {
                _ = try await catalogue.create(try Self.trunk(code: "TRUNK-\(index)"), context: context, at: start)
            }
            let cloud = try OfferingDraft(
                code: "SAUVEGARDE-CLOUD", name: "Sauvegarde Cloud", category: .cloud, oneTimePriceCents: 0,
                monthlyPriceCents: 2900, commitmentMonths: 12, noticeMonths: 1, terminationFeeCents: 0)
            _ = try await catalogue.create(cloud, context: context, at: start)
            let first = try await catalogue.offerings(OfferingFilter(category: .ipTelephony), page: PageRequest(limit: 3))
            #expect(first.items.map(\.draft.code) == ["TRUNK-0", "TRUNK-1", "TRUNK-2"])
            let second = try await catalogue.offerings(
                OfferingFilter(category: .ipTelephony), page: PageRequest(limit: 3, cursor: first.nextCursor))
            #expect(second.items.map(\.draft.code) == ["TRUNK-3", "TRUNK-4"])
            #expect(second.nextCursor == nil)
            #expect(try await catalogue.offerings(OfferingFilter(category: .cloud), page: PageRequest()).items.count == 1)
        }
    }
}
