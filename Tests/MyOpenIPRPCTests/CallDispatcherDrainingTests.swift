import MyOpenIPProto
import MyOpenIPRPC
import Testing

@Suite("CallDispatcher while draining")
struct CallDispatcherDrainingTests {
    let fixture = DispatcherFixture()

    @Test("ServingState starts serving and drains once asked, for good")
    func servingState() {
        let state = ServingState()
        #expect(!state.isDraining)
        state.beginDraining()
        #expect(state.isDraining)
        state.beginDraining()
        #expect(state.isDraining)
    }

    @Test("once draining, calls are UNAVAILABLE with reason SHUTTING_DOWN")
    func refusedWhileDraining() async throws {
        let state = ServingState()
        let dispatcher = fixture.dispatcher(
            servingState: state, servedWhileDraining: [DispatcherFixture.health.service])

        let before = await dispatcher.dispatch(
            try envelope(DispatcherFixture.probe, healthRequest("ok")), peer: .unix(nil), deadline: nil)
        #expect(before.status.code == 0)

        state.beginDraining()
        let after = await dispatcher.dispatch(
            try envelope(DispatcherFixture.probe, healthRequest("ok")), peer: .unix(nil), deadline: nil)
        #expect(after.status.code == 14)
        #expect(after.error.code == .unavailable)
        #expect(after.error.reason == "SHUTTING_DOWN")
        #expect(fixture.seen.values.count == 1)
    }

    @Test("services listed in servedWhileDraining are still served")
    func exemptServices() async throws {
        let state = ServingState()
        state.beginDraining()
        let dispatcher = fixture.dispatcher(
            servingState: state, servedWhileDraining: [DispatcherFixture.health.service])

        let response = await dispatcher.dispatch(
            try envelope(DispatcherFixture.health, healthRequest("")), peer: .unix(nil), deadline: nil)

        #expect(response.status.code == 0)
        let payload = try Grpc_Health_V1_HealthCheckResponse(serializedBytes: response.payload)
        #expect(payload.status == .notServing)
    }

    @Test("an unknown method is still UNIMPLEMENTED while draining")
    func unknownWhileDraining() async throws {
        let state = ServingState()
        state.beginDraining()
        let response = await fixture.dispatcher(servingState: state).dispatch(
            try envelope(MethodDescriptor(service: "x.Y", method: "Z"), healthRequest("")),
            peer: .unix(nil), deadline: nil)
        #expect(response.error.code == .unimplemented)
    }
}
