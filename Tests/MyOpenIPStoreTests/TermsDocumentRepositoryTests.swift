import GRDB
import MyOpenIPDomain
import Testing

@testable import MyOpenIPStore

@Suite("SQLite terms repository: the terms of use and the sales conditions")
struct TermsDocumentRepositoryTests {
    let start = IdentityFixture.start
    let context = IdentityFixture.context

    /// 2017-03-01T00:00:00Z and 2018-01-01T00:00:00Z.
    static let march2017 = Timestamp(milliseconds: 1_488_326_400_000)
    static let january2018 = Timestamp(milliseconds: 1_514_764_800_000)

    func publish(
        _ title: String, effectiveAt: String, _ document: TermsDocument, in fixture: IdentityFixture, at now: Timestamp? = nil
    ) async throws -> TermsRecord {
        let now = now ?? start
        let draft = try TermsDraft(title: title, text: "Texte de " + title, effectiveAt: effectiveAt, now: now)
        return try await fixture.terms.publish(draft, document: document, context: context, at: now)
    }

    @Test func eachDocumentHasItsOwnVersionInForceAndBothShareOneNumbering() async throws {
        try await withIdentityStore { fixture async throws in
            #expect(try await fixture.terms.inForce(document: .salesConditions, at: start) == nil)
            let terms = try await publish("C.U. 2017", effectiveAt: "2017-02-15", .termsOfUse, in: fixture)
            #expect(try await fixture.terms.inForce(document: .salesConditions, at: start) == nil)
            let sales = try await publish("C.G.V. 2017", effectiveAt: "2017-02-15", .salesConditions, in: fixture)
            let salesMarch = try await publish("C.G.V. mars", effectiveAt: "2017-03-01", .salesConditions, in: fixture)

            #expect([terms.version, sales.version, salesMarch.version] == [1, 2, 3])
            #expect(terms.document == .termsOfUse)
            #expect(sales.document == .salesConditions)
            // The latest sales conditions, published after the terms of use, do not replace them.
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: start) == terms)
            #expect(try await fixture.terms.inForce(document: .salesConditions, at: start) == sales)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: Self.march2017) == terms)
            #expect(try await fixture.terms.inForce(document: .salesConditions, at: Self.march2017) == salesMarch)
            #expect(try await fixture.terms.all(document: .termsOfUse) == [terms])
            #expect(try await fixture.terms.all(document: .salesConditions) == [salesMarch, sales])
            // A number names one version, whatever its document.
            #expect(try await fixture.terms.version(sales.version) == sales)

            let events = try await fixture.events(AuditFilter(action: "terms.published"))
            #expect(
                events.compactMap { $0.details["document"] }.sorted() == ["sales_conditions", "sales_conditions", "terms_of_use"])
        }
    }

    @Test func theDateOfOneDocumentNeitherBlocksNorDatesTheOther() async throws {
        try await withIdentityStore { fixture async throws in
            let now = Self.january2018
            _ = try await publish("C.G.V. 2018", effectiveAt: "2018-01-01", .salesConditions, in: fixture, at: now)
            // Terms of use dated before the sales conditions in force are accepted…
            let terms = try await publish("C.U. 2017", effectiveAt: "2017-02-15", .termsOfUse, in: fixture, at: now)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: now) == terms)
            // …and sales conditions dated before them are refused only by the sales conditions in force.
            await #expect(throws: TermsViolation.beforeInForce) {
                try await publish("C.G.V. 2017", effectiveAt: "2017-06-01", .salesConditions, in: fixture, at: now)
            }
            _ = try await publish("C.U. 2018", effectiveAt: "2018-01-01", .termsOfUse, in: fixture, at: now)
            await #expect(throws: TermsViolation.beforeInForce) {
                try await publish("C.U. juin 2017", effectiveAt: "2017-06-01", .termsOfUse, in: fixture, at: now)
            }
        }
    }

    @Test func withdrawingScheduledSalesConditionsLeavesTheTermsOfUseAlone() async throws {
        try await withIdentityStore { fixture async throws in
            let terms = try await publish("C.U. 2017", effectiveAt: "2017-02-15", .termsOfUse, in: fixture)
            let termsLater = try await publish("C.U. 2018", effectiveAt: "2018-01-01", .termsOfUse, in: fixture)
            let sales = try await publish("C.G.V. 2017", effectiveAt: "2017-02-15", .salesConditions, in: fixture)
            let salesLater = try await publish("C.G.V. 2018", effectiveAt: "2018-01-01", .salesConditions, in: fixture)
            let later = start.adding(.seconds(3600))

            let withdrawn = try await fixture.terms.withdraw(version: salesLater.version, context: context, at: later)
            #expect(withdrawn.document == .salesConditions)
            #expect(withdrawn.state(inForce: sales.version, at: later) == .withdrawn)
            #expect(try await fixture.terms.inForce(document: .salesConditions, at: Self.january2018) == sales)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: Self.january2018) == termsLater)
            await #expect(throws: TermsViolation.alreadyInForce) {
                try await fixture.terms.withdraw(version: sales.version, context: context, at: later)
            }
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: later) == terms)
            let events = try await fixture.events(AuditFilter(action: "terms.withdrawn"))
            #expect(events.map { $0.details["document"] } == ["sales_conditions"])
            #expect(events.first?.details["version"] == String(salesLater.version))
        }
    }

    @Test func salesConditionsNeverReachTheSessionsTermsGate() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createActiveAccount(email: "jean@example.fr", linkDigest: "link-1")
            let now = start.adding(.seconds(3600))
            _ = try await fixture.openSession(account, tokenDigest: "session-a", at: now)
            _ = try await publish("C.G.V. 2017", effectiveAt: "2017-02-15", .salesConditions, in: fixture)
            _ = try await publish("C.G.V. 2018", effectiveAt: "2018-01-01", .salesConditions, in: fixture)

            let lookup = try await fixture.lookUp("session-a", at: now)
            #expect(lookup.termsInForce == nil)
            #expect(lookup.hasAcceptedTermsInForce)
            #expect(lookup.nextTermsAt == nil)

            let terms = try await publish("C.U. 2017", effectiveAt: "2017-02-15", .termsOfUse, in: fixture)
            let gated = try await fixture.lookUp("session-a", at: now)
            #expect(gated.termsInForce == terms.version)
            #expect(!gated.hasAcceptedTermsInForce)
            #expect(gated.nextTermsAt == nil)
        }
    }

    @Test func theInForceSubqueryOfEachDocumentTakesOneArgument() async throws {
        try await withIdentityStore { fixture async throws in
            let terms = try await publish("C.U. 2017", effectiveAt: "2017-02-15", .termsOfUse, in: fixture)
            let sales = try await publish("C.G.V. 2017", effectiveAt: "2017-02-15", .salesConditions, in: fixture)
            _ = try await publish("C.G.V. 2018", effectiveAt: "2018-01-01", .salesConditions, in: fixture)
            func inForce(_ document: TermsDocument, at now: Timestamp) async throws -> Int64? {
                try await fixture.store.writer.read { db in
                    try Int64.fetchOne(
                        db, sql: "SELECT \(TermsVersionRow.inForceIDSQL(document: document))", arguments: [now.milliseconds])
                }
            }
            #expect(try await inForce(.termsOfUse, at: start) == terms.version)
            #expect(try await inForce(.salesConditions, at: start) == sales.version)
            #expect(try await inForce(.salesConditions, at: start.adding(.milliseconds(-1))) == nil)
            #expect(try await inForce(.salesConditions, at: Self.january2018) == 3)
        }
    }

    @Test func versionsPublishedBeforeTheMigrationAreTermsOfUse() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/" + Store.fileName
            let before = [StoreMigration].everyDomain.filter { $0.name != StoreMigration.salesConditions.name }
            try await Store(path: path, migrations: before).writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO terms_version (title, text, effective_at, published_at, published_by)
                        VALUES ('C.U.', 'Texte', 0, 0, 'operator(uid=0)')
                        """)
            }
            let store = try Store(path: path, migrations: .everyDomain)
            let terms = SQLiteTermsRepository(store: store)
            #expect(try await terms.version(1)?.document == .termsOfUse)
            #expect(try await terms.all(document: .termsOfUse).map(\.version) == [1])
            #expect(try await terms.all(document: .salesConditions).isEmpty)
            // The table refuses a document the code does not know.
            await #expect(throws: DatabaseError.self) {
                try await store.writer.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO terms_version (document, title, text, effective_at, published_at, published_by)
                            VALUES ('price_list', 'T', 'Texte', 0, 0, 'operator(uid=0)')
                            """)
                }
            }
        }
    }
}
