import MyOpenIPProto
import MyOpenIPRPC
import Testing

@Suite("CallDispatcher deadlines")
struct CallDispatcherDeadlineTests {
    let fixture = DispatcherFixture()

    @Test("a deadline already past is DEADLINE_EXCEEDED before the handler runs")
    func pastDeadline() async throws {
        let dispatcher = fixture.dispatcher(interceptors: [DeadlineInterceptor()])

        let response = await dispatcher.dispatch(
            try envelope(DispatcherFixture.probe, healthRequest("ok")),
            peer: .unix(nil), deadline: .now - .seconds(1))

        #expect(response.status.code == 4)
        #expect(response.error.code == .deadlineExceeded)
        #expect(response.error.reason == "DEADLINE_EXCEEDED")
        #expect(fixture.seen.values.isEmpty)
    }

    @Test("a future deadline lets the call run and reaches the handler's context")
    func futureDeadline() async throws {
        let dispatcher = fixture.dispatcher(interceptors: [DeadlineInterceptor()])
        let deadline = ContinuousClock.now + .seconds(60)

        let response = await dispatcher.dispatch(
            try envelope(DispatcherFixture.probe, healthRequest("ok")), peer: .unix(nil), deadline: deadline)

        #expect(response.status.code == 0)
        #expect(fixture.seen.values.first?.deadline == deadline)
    }

    @Test("deadline(of:) is nil without timeout_nano and counted from now with one")
    func deadlineOfRequest() throws {
        var request = Ttrpc_Request()
        #expect(CallDispatcher.deadline(of: request) == nil)

        request.timeoutNano = 2_000_000_000
        let before = ContinuousClock.now
        let deadline = try #require(CallDispatcher.deadline(of: request))
        let after = ContinuousClock.now
        #expect(deadline >= before + .seconds(2))
        #expect(deadline <= after + .seconds(2))
    }
}
