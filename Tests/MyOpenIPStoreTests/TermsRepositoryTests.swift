import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("SQLite terms repository")
struct TermsRepositoryTests {
    let start = IdentityFixture.start
    let context = IdentityFixture.context

    /// 2017-03-01T00:00:00Z and 2018-01-01T00:00:00Z.
    static let march2017 = Timestamp(milliseconds: 1_488_326_400_000)
    static let january2018 = Timestamp(milliseconds: 1_514_764_800_000)

    static func draft(_ title: String, effectiveAt: String, now: Timestamp = IdentityFixture.start) throws -> TermsDraft {
        try TermsDraft(title: title, text: "Texte de " + title, effectiveAt: effectiveAt, now: now)
    }

    /// Publishes a version of `document` titled `title` at `now` (the start of the tests by default).
    func publish(
        _ title: String, effectiveAt: String, document: TermsDocument = .termsOfUse, in fixture: IdentityFixture,
        at now: Timestamp? = nil
    ) async throws -> TermsRecord {
        let now = now ?? start
        return try await fixture.terms.publish(
            try Self.draft(title, effectiveAt: effectiveAt, now: now), document: document, context: context, at: now)
    }

    @Test func versionsArePublishedInOrder() async throws {
        try await withIdentityStore { fixture async throws in
            let first = try await publish("C.U. 2017", effectiveAt: "2017-02-15", in: fixture)
            let publishedAt = start.adding(.seconds(60))
            let second = try await publish("C.U. 2018", effectiveAt: "2018-01-01", in: fixture, at: publishedAt)

            #expect(first.version == 1)
            #expect(second.version == 2)
            #expect(first.title == "C.U. 2017")
            #expect(first.text == "Texte de C.U. 2017")
            #expect(first.effectiveAt == start)
            #expect(first.publishedAt == start)
            #expect(first.publishedBy == "operator(uid=0)")
            #expect(second.effectiveAt == Self.january2018)
            #expect(second.publishedAt == publishedAt)

            #expect(try await fixture.terms.all(document: .termsOfUse) == [second, first])
            #expect(try await fixture.terms.version(1) == first)
            #expect(try await fixture.terms.version(2) == second)
            #expect(try await fixture.terms.version(3) == nil)

            let events = try await fixture.events(AuditFilter(action: "terms.published"))
            #expect(events.count == 2)
            let latest = try #require(events.first)
            #expect(latest.accountLogin == nil)
            #expect(
                latest.details == [
                    "version": "2", "document": "terms_of_use", "effective_at": "2018-01-01T00:00:00.000Z", "title": "C.U. 2018",
                ])
        }
    }

    @Test func aVersionDatedBeforeTheVersionInForceIsRefused() async throws {
        try await withIdentityStore { fixture async throws in
            let now = Self.january2018
            _ = try await publish("C.U. 2017", effectiveAt: "2017-02-15", in: fixture, at: now)
            _ = try await publish("C.U. 2018", effectiveAt: "2018-01-01", in: fixture, at: now)

            await #expect(throws: TermsViolation.beforeInForce) {
                try await publish("C.U. juin 2017", effectiveAt: "2017-06-01", in: fixture, at: now)
            }
            await #expect(throws: TermsViolation.beforeInForce) {
                try await publish("C.U. veille", effectiveAt: "2017-12-31T23:59:59Z", in: fixture, at: now)
            }

            #expect(try await fixture.terms.all(document: .termsOfUse).count == 2)
            #expect(try await fixture.events(AuditFilter(action: "terms.published")).count == 2)
            #expect(TermsViolation.beforeInForce.reason == "TERMS_BEFORE_IN_FORCE")
            #expect(TermsViolation.beforeInForce.field == "effective_at")
        }
    }

    @Test func aScheduledVersionBlocksNoPublicationAndVersionsComeIntoForceInDateOrder() async throws {
        try await withIdentityStore { fixture async throws in
            let first = try await publish("C.U. 2017", effectiveAt: "2017-02-15", in: fixture)
            // Scheduled for 2018, then a version for March 2017 published after it, then one for now.
            let scheduled = try await publish("C.U. 2018", effectiveAt: "2018-01-01", in: fixture)
            let march = try await publish("C.U. mars", effectiveAt: "2017-03-01", in: fixture)
            let corrected = try await publish("C.U. corrigées", effectiveAt: "", in: fixture, at: start.adding(.seconds(60)))

            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: start) == first)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: start.adding(.seconds(60))) == corrected)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: Self.march2017) == march)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: Self.january2018) == scheduled)
            #expect(corrected.state(inForce: corrected.version, at: start.adding(.seconds(60))) == .inForce)
            #expect(first.state(inForce: corrected.version, at: start.adding(.seconds(60))) == .superseded)
            #expect(scheduled.state(inForce: corrected.version, at: start.adding(.seconds(60))) == .scheduled)
        }
    }

    @Test func aScheduledVersionCanBeWithdrawnAndNeverComesIntoForce() async throws {
        try await withIdentityStore { fixture async throws in
            let first = try await publish("C.U. 2017", effectiveAt: "2017-02-15", in: fixture)
            let scheduled = try await publish("C.U. 2018", effectiveAt: "2018-01-01", in: fixture)
            let later = start.adding(.seconds(3600))

            let withdrawn = try await fixture.terms.withdraw(version: scheduled.version, context: context, at: later)
            #expect(withdrawn.withdrawnAt == later)
            #expect(withdrawn.withdrawnBy == "operator(uid=0)")
            #expect(withdrawn.state(inForce: first.version, at: later) == .withdrawn)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: Self.january2018) == first)
            // Again: nothing changes, nothing more is audited.
            #expect(
                try await fixture.terms.withdraw(version: scheduled.version, context: context, at: Self.january2018) == withdrawn)
            let events = try await fixture.events(AuditFilter(action: "terms.withdrawn"))
            #expect(events.count == 1)
            #expect(events.first?.details["version"] == String(scheduled.version))
            // A version dated before the withdrawn one may be published.
            let replacement = try await publish("C.U. 2018 bis", effectiveAt: "2017-12-01", in: fixture, at: later)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: Self.january2018) == replacement)
        }
    }

    @Test func aVersionInForceOrSupersededCannotBeWithdrawn() async throws {
        try await withIdentityStore { fixture async throws in
            let first = try await publish("C.U. 2017", effectiveAt: "2017-02-15", in: fixture)
            let march = try await publish("C.U. mars", effectiveAt: "2017-03-01", in: fixture)
            await #expect(throws: TermsViolation.alreadyInForce) {
                try await fixture.terms.withdraw(version: first.version, context: context, at: start)
            }
            await #expect(throws: TermsViolation.alreadyInForce) {
                try await fixture.terms.withdraw(version: first.version, context: context, at: Self.march2017)
            }
            await #expect(throws: TermsViolation.alreadyInForce) {
                try await fixture.terms.withdraw(version: march.version, context: context, at: Self.march2017)
            }
            await #expect(throws: TermsViolation.notFound) {
                try await fixture.terms.withdraw(version: 99, context: context, at: start)
            }
            #expect(try await fixture.events(AuditFilter(action: "terms.withdrawn")).isEmpty)
        }
    }

    @Test func aVersionOnTheSameDateAsTheLatestIsAcceptedAndWins() async throws {
        try await withIdentityStore { fixture async throws in
            _ = try await publish("C.U. 2017", effectiveAt: "2017-02-15", in: fixture)
            let corrected = try await publish("C.U. 2017 corrigées", effectiveAt: "2017-02-15", in: fixture)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: start) == corrected)
        }
    }

    @Test func theVersionInForceIsTheLatestWhoseDateHasCome() async throws {
        try await withIdentityStore { fixture async throws in
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: start) == nil)

            let first = try await publish("C.U. 2017", effectiveAt: "2017-02-15", in: fixture)
            let second = try await publish("C.U. mars", effectiveAt: "2017-03-01", in: fixture)
            let third = try await publish("C.U. 2018", effectiveAt: "2018-01-01", in: fixture)

            let justBefore = Duration.milliseconds(-1)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: start.adding(justBefore)) == nil)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: start) == first)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: Self.march2017.adding(justBefore)) == first)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: Self.march2017) == second)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: Self.january2018.adding(justBefore)) == second)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: Self.january2018) == third)
            #expect(
                try await fixture.terms.inForce(document: .termsOfUse, at: Self.january2018.adding(.seconds(86_400 * 365)))
                    == third)
        }
    }

    @Test func anEmptyEffectiveDateComesIntoForceAtOnce() async throws {
        try await withIdentityStore { fixture async throws in
            let now = start.adding(.seconds(42))
            let version = try await publish("C.U.", effectiveAt: "", in: fixture, at: now)
            #expect(version.effectiveAt == now)
            #expect(try await fixture.terms.inForce(document: .termsOfUse, at: now) == version)
        }
    }

    @Test func acceptingTwiceKeepsTheFirstAcceptanceTime() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let version = try await publish("C.U. 2017", effectiveAt: "2017-02-15", in: fixture)
            let firstTime = start.adding(.seconds(10))
            let secondTime = start.adding(.seconds(3600))

            let first = try await fixture.terms.accept(
                version: version.version, accountID: account.id, context: context, at: firstTime)
            let second = try await fixture.terms.accept(
                version: version.version, accountID: account.id, context: context, at: secondTime)

            #expect(first == firstTime)
            #expect(second == firstTime)
            let events = try await fixture.events(AuditFilter(accountLogin: account.login, action: "terms.accepted"))
            #expect(events.count == 1)
            #expect(events.first?.details == ["version": String(version.version)])
            #expect(events.first?.occurredAt == firstTime)
            let reread = try await fixture.accounts.account(login: account.login)
            #expect(reread?.acceptedTermsVersion == version.version)
        }
    }

    @Test func theAccountRemembersTheNewestVersionItAccepted() async throws {
        try await withIdentityStore { fixture async throws in
            let account = try await fixture.createAccount(email: "jean@example.fr", linkDigest: "link-1")
            let first = try await publish("C.U. 2017", effectiveAt: "2017-02-15", in: fixture)
            let second = try await publish("C.U. mars", effectiveAt: "2017-03-01", in: fixture)

            _ = try await fixture.terms.accept(
                version: second.version, accountID: account.id, context: context, at: Self.march2017)
            _ = try await fixture.terms.accept(
                version: first.version, accountID: account.id, context: context, at: Self.march2017)

            let reread = try await fixture.accounts.account(login: account.login)
            #expect(reread?.acceptedTermsVersion == second.version)
        }
    }
}
