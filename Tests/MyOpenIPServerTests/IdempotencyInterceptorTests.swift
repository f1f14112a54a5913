import Foundation
import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPServer
import MyOpenIPStore
import Testing

@Suite("IdempotencyInterceptor")
struct IdempotencyInterceptorTests {
    struct Harness {
        let interceptor: IdempotencyInterceptor
        let clock: AdjustableTimeSource
        let store: Store
        /// The writes the handlers committed (a row of `probe` each).
        let writes = Recorder<Int>()

        func context(
            _ method: MethodDescriptor = SiteService.createSite, key: String? = "key-1",
            principal: Principal = .operatorProcess(uid: 0)
        ) -> ServerContext {
            var context = makeContext(method, principal: principal)
            if let key { context.metadata[Metadata.Keys.idempotencyKey] = key }
            return context
        }

        /// One call through the interceptor; the handler throws `error` (before writing, as a
        /// refused request does), or writes a row of `probe` and answers `answer`. A retry runs
        /// the handler again, but its write finds the key's record and is rolled back.
        func call(
            _ context: ServerContext, payload: Data = Data([1]), answer: Data = Data([42]), error: (any Error)? = nil
        ) async throws -> Data {
            let writes = self.writes
            let store = self.store
            return try await interceptor.intercept(ServerRequest(payload: payload), context: context) { _, _ in
                if let error { throw error }
                try await store.writes.write { db in try db.execute(sql: "INSERT INTO probe (n) VALUES (1)") }
                writes.record(1)
                return ServerResponse(payload: answer)
            }.payload
        }
    }

    func withHarness(_ body: (Harness) async throws -> Void) async throws {
        try await withTemporaryFolder { folder in
            let clock = AdjustableTimeSource()
            let store = try Store(folder: folder, migrations: Daemon.domains.flatMap(\.migrations))
            let records = SQLiteIdempotencyRepository(store: store)
            try await store.writer.write { db in try db.execute(sql: "CREATE TABLE probe (n INTEGER NOT NULL)") }
            try await body(
                Harness(
                    interceptor: IdempotencyInterceptor(
                        policy: IdempotencyPolicy(contracts: SiteServiceContract.methods + TermsServiceContract.methods),
                        records: records, time: clock), clock: clock, store: store))
        }
    }

    @Test("a keyed write runs once; its retry gets the same answer")
    func replaysSuccess() async throws {
        try await withHarness { harness async throws in
            #expect(try await harness.call(harness.context()) == Data([42]))
            #expect(try await harness.call(harness.context(), answer: Data([7])) == Data([42]))
            #expect(harness.writes.values.count == 1)
        }
    }

    @Test("a retry that fails before its write for a passing reason still gets the first answer")
    func retryFailingBeforeItsWrite() async throws {
        try await withHarness { harness async throws in
            #expect(try await harness.call(harness.context(key: "kept")) == Data([42]))
            #expect(try await harness.call(harness.context(key: "kept"), error: RPCError.internalError) == Data([42]))
            #expect(harness.writes.values.count == 1)
        }
    }

    @Test("an error about the request is kept; an outcome that says nothing of the write frees the key")
    func finalAndPassingErrors() async throws {
        try await withHarness { harness async throws in
            let refused = RPCError(.invalidArgument, "Le nom du site est obligatoire", reason: "SITE_NAME_MISSING", field: "name")
            await #expect(throws: refused) { try await harness.call(harness.context(key: "refused"), error: refused) }
            // The retry would now succeed; it is told the first answer, and writes nothing.
            await #expect(throws: refused) { try await harness.call(harness.context(key: "refused")) }
            #expect(harness.writes.values.isEmpty)

            for passing: any Error in [
                RPCError.internalError, RPCError.deadlineExceeded, CancellationError(), RPCError(.unavailable, "down"),
            ] {
                let key = "passing-\(harness.writes.values.count)"
                _ = try? await harness.call(harness.context(key: key), error: passing)
                let retried = try await harness.call(harness.context(key: key))
                #expect(retried == Data([42]), "the key is free again after \(passing)")
            }
            #expect(harness.writes.values.count == 4)
        }
    }

    @Test("the answer is kept even when the caller's task was cancelled meanwhile")
    func recordsDespiteCancellation() async throws {
        try await withHarness { harness async throws in
            let interceptor = harness.interceptor
            let context = harness.context(key: "cancelled")
            let call = Task {
                try await interceptor.intercept(ServerRequest(payload: Data([1])), context: context) { _, _ in
                    withUnsafeCurrentTask { $0?.cancel() }  // the deadline passed; the write was done
                    return ServerResponse(payload: Data([9]))
                }
            }
            #expect(try await call.value.payload == Data([9]))
            #expect(try await harness.call(context) == Data([9]))
            #expect(harness.writes.values.isEmpty)
        }
    }

    @Test("a write committed before its call failed is never run again: the retry learns its answer was lost")
    func committedWriteThenFailure() async throws {
        try await withHarness { harness async throws in
            let terms = SQLiteTermsRepository(store: harness.store)
            let clock = harness.clock
            let context = harness.context(TermsService.publishTerms, key: "publish-once")
            let write: @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse = { _, _ in
                let draft = try TermsDraft(title: "CU", text: "Conditions", effectiveAt: "", now: clock.timestamp())
                _ = try await terms.publish(
                    draft, document: .termsOfUse, context: AuditContext(actor: "operator(uid=0)"), at: clock.timestamp())
                throw RPCError.internalError  // e.g. the answer could not be encoded
            }
            await #expect(throws: RPCError.internalError) {
                try await harness.interceptor.intercept(ServerRequest(payload: Data()), context: context, next: write)
            }
            await #expect(throws: IdempotencyInterceptor.answerLost) {
                try await harness.interceptor.intercept(ServerRequest(payload: Data()), context: context, next: write)
            }
            #expect(try await terms.all(document: .termsOfUse).count == 1)
        }
    }

    @Test("a write that makes its answer keeps it, with the key, in its own commit: no commit of the key's own")
    func answerKeptByTheWrite() async throws {
        try await withHarness { harness async throws in
            let terms = SQLiteTermsRepository(store: harness.store)
            let clock = harness.clock
            let write: @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse = { _, _ in
                let keyed = try #require(KeyedWrite.current)
                keyed.expectAnswer { (record: TermsRecord) in Data("v\(record.version)".utf8) }
                let draft = try TermsDraft(title: "CU", text: "Conditions", effectiveAt: "", now: clock.timestamp())
                let record = try await terms.publish(
                    draft, document: .termsOfUse, context: AuditContext(actor: "operator(uid=0)"), at: clock.timestamp())
                return ServerResponse(payload: Data("v\(record.version)".utf8))
            }
            let context = harness.context(TermsService.publishTerms, key: "publish")
            let commits = harness.store.writes.commits
            let first = try await harness.interceptor.intercept(ServerRequest(payload: Data()), context: context, next: write)
            #expect(harness.store.writes.commits == commits + 1)
            let again = try await harness.interceptor.intercept(ServerRequest(payload: Data()), context: context, next: write)
            #expect(again.payload == first.payload)
            #expect(try await terms.all(document: .termsOfUse).count == 1)
        }
    }

    @Test("while a call runs, a second call with its key is told the key is in use, without touching the store")
    func keyInUse() async throws {
        try await withHarness { harness async throws in
            let interceptor = harness.interceptor
            let context = harness.context(key: "slow")
            let (entered, enter) = AsyncStream<Void>.makeStream()
            let (released, release) = AsyncStream<Void>.makeStream()
            let first = Task {
                try await interceptor.intercept(ServerRequest(payload: Data([1])), context: context) { _, _ in
                    enter.yield()
                    for await _ in released { break }
                    return ServerResponse(payload: Data([3]))
                }
            }
            for await _ in entered { break }
            await #expect(throws: IdempotencyInterceptor.keyInUse) { try await harness.call(context) }
            release.yield()
            #expect(try await first.value.payload == Data([3]))
            #expect(try await harness.call(context) == Data([3]))
            #expect(harness.writes.values.isEmpty)
        }
    }

    @Test("no key, a read, or an anonymous caller: every call runs")
    func ignoredKeys() async throws {
        try await withHarness { harness async throws in
            _ = try await harness.call(harness.context(key: nil))
            _ = try await harness.call(harness.context(key: nil))
            _ = try await harness.call(harness.context(SiteService.listSites))
            _ = try await harness.call(harness.context(SiteService.listSites))
            _ = try await harness.call(harness.context(principal: .anonymous))
            _ = try await harness.call(harness.context(principal: .anonymous))
            #expect(harness.writes.values.count == 6)
        }
    }

    @Test("a key is remembered for a day")
    func retention() async throws {
        try await withHarness { harness async throws in
            _ = try await harness.call(harness.context())
            harness.clock.advance(by: .seconds(23 * 3600))
            _ = try await harness.call(harness.context())
            #expect(harness.writes.values.count == 1)
            harness.clock.advance(by: .seconds(2 * 3600))
            #expect(try await harness.call(harness.context(), payload: Data([2]), answer: Data([5])) == Data([5]))
            #expect(harness.writes.values.count == 2)
        }
    }

    @Test("a session's keys are its account's; another account's same key is its own")
    func keysBelongToAccounts() async throws {
        try await withHarness { harness async throws in
            func session(account: Int64, id: Int64) -> Principal {
                .session(
                    SessionIdentity(accountID: account, sessionID: id, login: "E-000000000\(account)", isOperatorStaff: true))
            }
            _ = try await harness.call(harness.context(principal: session(account: 1, id: 1)))
            _ = try await harness.call(harness.context(principal: session(account: 1, id: 2)))
            #expect(harness.writes.values.count == 1)
            _ = try await harness.call(harness.context(principal: session(account: 2, id: 3)))
            _ = try await harness.call(harness.context(principal: .operatorProcess(uid: 0)))
            #expect(harness.writes.values.count == 3)
        }
    }

    @Test("the daemon keeps the answers of the writes its contracts mark, none of which carries a secret")
    func standardPolicy() async throws {
        try await withTemporaryFolder { folder in
            let configuration = DaemonConfiguration.defaults(environment: ["MYOPENIP_DATA_DIR": folder])
            let daemon = try Daemon(configuration: configuration, logger: makeTestLogger())
            #expect(!daemon.idempotencyPolicy.methods.isEmpty)
            for route in daemon.router.routes where daemon.idempotencyPolicy.covers(route.descriptor) {
                #expect(!route.isServerStreaming, "\(route.descriptor)")
                #expect(daemon.accessPolicy.rule(for: route.descriptor) != .public, "\(route.descriptor)")
            }
            for secret in [IdentityService.login, IdentityService.changePassword, IdentityService.setPassword] {
                #expect(!daemon.idempotencyPolicy.covers(secret))
            }
            for write in [
                SiteService.createSite, SiteService.updateSite, SiteService.deleteSite, IdentityService.disableAccount,
                TermsService.acceptTerms, MailService.markMailSent, RightsService.setUserRights,
            ] {
                #expect(daemon.idempotencyPolicy.covers(write), "\(write)")
            }
            for read in [SiteService.listSites, IdentityService.whoAmI, HealthService.check, AuditService.listAuditEvents] {
                #expect(!daemon.idempotencyPolicy.covers(read), "\(read)")
            }
        }
    }
}
