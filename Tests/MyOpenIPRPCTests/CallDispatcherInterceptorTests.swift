import MyOpenIPProto
import MyOpenIPRPC
import Testing

/// Records its name when a call enters and leaves it, and can refine the context.
private struct TracingInterceptor: ServerInterceptor {
    let name: String
    let trace: Recorder<String>
    var refine: @Sendable (inout ServerContext) -> Void = { _ in }

    func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        trace.record("enter \(name)")
        var context = context
        refine(&context)
        defer { trace.record("leave \(name)") }
        return try await next(request, context)
    }
}

/// Refuses every call.
private struct RefusingInterceptor: ServerInterceptor {
    func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        throw RPCError(.permissionDenied, "no", reason: "REFUSED_BY_TEST")
    }
}

@Suite("CallDispatcher interceptors")
struct CallDispatcherInterceptorTests {
    let fixture = DispatcherFixture()

    @Test("interceptors run in order, the first one outermost")
    func order() async throws {
        let trace = Recorder<String>()
        let dispatcher = fixture.dispatcher(interceptors: [
            TracingInterceptor(name: "first", trace: trace),
            TracingInterceptor(name: "second", trace: trace),
            TracingInterceptor(name: "third", trace: trace),
        ])

        let response = await dispatcher.dispatch(
            try envelope(DispatcherFixture.probe, healthRequest("ok")), peer: .unix(nil), deadline: nil)

        #expect(response.status.code == 0)
        #expect(
            trace.values == [
                "enter first", "enter second", "enter third",
                "leave third", "leave second", "leave first",
            ])
        #expect(fixture.seen.values.count == 1)
    }

    @Test("an interceptor can refine the context the next ones and the handler see")
    func refineContext() async throws {
        let trace = Recorder<String>()
        let principals = Recorder<Principal>()
        let dispatcher = fixture.dispatcher(interceptors: [
            TracingInterceptor(name: "authenticate", trace: trace) { $0.principal = .operatorProcess(uid: 1000) },
            TracingInterceptor(name: "observe", trace: trace) { principals.record($0.principal) },
        ])

        _ = await dispatcher.dispatch(
            try envelope(DispatcherFixture.probe, healthRequest("ok")), peer: .unix(nil), deadline: nil)

        #expect(principals.values == [.operatorProcess(uid: 1000)])
        #expect(fixture.seen.values.map(\.principal) == [.operatorProcess(uid: 1000)])
    }

    @Test("an interceptor that throws stops the call before the handler")
    func refusal() async throws {
        let trace = Recorder<String>()
        let dispatcher = fixture.dispatcher(interceptors: [
            TracingInterceptor(name: "outer", trace: trace),
            RefusingInterceptor(),
            TracingInterceptor(name: "inner", trace: trace),
        ])

        let response = await dispatcher.dispatch(
            try envelope(DispatcherFixture.probe, healthRequest("ok")), peer: .unix(nil), deadline: nil)

        #expect(response.error.code == .permissionDenied)
        #expect(response.error.reason == "REFUSED_BY_TEST")
        #expect(trace.values == ["enter outer", "leave outer"])
        #expect(fixture.seen.values.isEmpty)
    }

    @Test("interceptors see the handler's error")
    func handlerErrorPassesThrough() async throws {
        let trace = Recorder<String>()
        let dispatcher = fixture.dispatcher(interceptors: [TracingInterceptor(name: "only", trace: trace)])

        let response = await dispatcher.dispatch(
            try envelope(DispatcherFixture.probe, healthRequest("refuse")), peer: .unix(nil), deadline: nil)

        #expect(response.error == DispatcherFixture.refusal)
        #expect(trace.values == ["enter only", "leave only"])
    }
}
