import MyOpenIPRPC
import Testing

@Suite("ServingState")
struct ServingStateTests {
    @Test func waitersWakeWhenDrainingBegins() async {
        let state = ServingState()
        #expect(!state.isDraining)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<5 { group.addTask { await state.waitUntilDraining() } }
            try? await Task.sleep(for: .milliseconds(20))
            state.beginDraining()
            await group.waitForAll()
        }
        #expect(state.isDraining)
        await state.waitUntilDraining()  // returns at once once draining
    }

    @Test func aCancelledWaiterReturns() async {
        let state = ServingState()
        let waiter = Task { await state.waitUntilDraining() }
        try? await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        await waiter.value
        #expect(!state.isDraining)
    }
}
