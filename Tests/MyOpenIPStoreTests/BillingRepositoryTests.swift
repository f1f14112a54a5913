import Foundation
import GRDB
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite billing repository: one invoice per company and month, gapless numbers, documents that never change")
struct BillingRepositoryTests {
    static let month = BillingMonth("2026-04")!
    static let issuedOn = CivilDate("2026-04-01")!
    static let settings = BillingSettings(terms: try! PaymentTerms())

    /// `count` client companies with one TRUNK SIP each (90.00 € a month, 150.00 € once), delivered
    /// on 10 March 2026; `corrupt` of them with a frozen offering that cannot be read.
    static func seed(_ fixture: CompanyFixture, count: Int, corrupt: Set<Int> = []) async throws -> [Int64] {
        try await DeliveredOffers.seed(fixture, count: count, corrupt: corrupt).map(\.company)
    }

    static func issue(_ billing: SQLiteBillingRepository, _ company: Int64) async throws -> InvoiceIssue {
        try await billing.issueInvoice(
            companyID: company, month: month, issuedOn: issuedOn, settings: settings, context: CompanyFixture.context,
            at: CompanyFixture.start)
    }

    @Test("each company and month is billed once, whoever runs it at the same time; the numbers follow each other")
    func concurrentIssue() async throws {
        let fixture = try CompanyFixture()
        let billing = SQLiteBillingRepository(store: fixture.store)
        let companies = try await Self.seed(fixture, count: 20)
        let outcomes = try await withThrowingTaskGroup(of: InvoiceIssue.self) { group in
            for company in companies {
                for _ in 0..<3 { group.addTask { try await Self.issue(billing, company) } }
            }
            return try await group.reduce(into: [InvoiceIssue]()) { $0.append($1) }
        }
        var issued: [String] = []
        var again = 0
        for outcome in outcomes {
            switch outcome {
            case .issued(let record): issued.append(record.number.description)
            case .alreadyIssued: again += 1
            case .nothingDue: Issue.record("nothing due")
            }
        }
        #expect(issued.sorted() == (1...20).map { DocumentNumber(series: .invoice, year: 2026, sequence: Int64($0)).description })
        #expect(again == 40)
        let page = try await billing.invoices(InvoiceFilter(), in: .everything, page: PageRequest(limit: 100))
        #expect(Set(page.items.map(\.companyReference)).count == 20)
    }

    @Test("a write that fails gives its number back: no gap, no number twice")
    func failedWriteLeavesNoGap() async throws {
        let fixture = try CompanyFixture()
        let billing = SQLiteBillingRepository(store: fixture.store)
        let companies = try await Self.seed(fixture, count: 5, corrupt: [2, 4])
        var numbers: [Int64] = []
        for (index, company) in companies.enumerated() {
            if [1, 3].contains(index) {
                await #expect(throws: StoreError.self) { try await Self.issue(billing, company) }
                continue
            }
            guard case .issued(let record) = try await Self.issue(billing, company) else {
                Issue.record("not issued")
                continue
            }
            numbers.append(record.number.sequence)
        }
        #expect(numbers == [1, 2, 3])
        #expect(try await fixture.store.reads.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoice") } == 3)
    }

    @Test("an issued document never changes: its amounts, lines and PDF are refused; it cannot be deleted")
    func immutability() async throws {
        let fixture = try CompanyFixture()
        let billing = SQLiteBillingRepository(store: fixture.store)
        let companies = try await Self.seed(fixture, count: 1)
        guard case .issued(let record) = try await Self.issue(billing, companies[0]) else {
            Issue.record("not issued")
            return
        }
        #expect(record.document.lines.map(\.amountCents) == [6_387, 9_000, 15_000])
        for sql in [
            "UPDATE invoice SET including_vat_cents = 1", "UPDATE invoice SET number = 'F2026-999999'",
            "UPDATE invoice SET parties = '{}'", "UPDATE invoice_line SET amount_cents = 1", "DELETE FROM invoice_line",
            "DELETE FROM invoice",
        ] {
            await #expect(throws: DatabaseError.self, "\(sql)") {
                try await fixture.store.writes.write { db in try db.execute(sql: sql) }
            }
        }
        try await billing.keepPDF([1, 2, 3], for: record.number)
        try await billing.keepPDF([4, 5, 6], for: record.number)  // kept once: the second is not taken
        #expect(try await billing.pdf(of: record.number, in: .everything) == [1, 2, 3])
        await #expect(throws: DatabaseError.self) {
            try await fixture.store.writes.write { db in try db.execute(sql: "UPDATE invoice SET pdf = x'00'") }
        }
        // What may change: the state, payments, the sent date.
        let paid = try await billing.recordPayment(
            for: record.number, amountCents: 100, receivedOn: Self.issuedOn, reference: "VIR", context: CompanyFixture.context,
            at: CompanyFixture.start)
        #expect(paid.state == .partiallyPaid && paid.document == record.document)
    }
}
