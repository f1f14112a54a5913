import MyOpenIPDomain
import Testing

@Suite("Orders (TMF622) and contracted offers (TMF637): the documented transitions only")
struct OrderLifecycleTests {
    @Test("offers: created → pendingActive → active ⇄ suspended; undelivered ones may be cancelled")
    func offerTransitions() throws {
        try OfferLifecycle.check(from: .created, to: .pendingActive)
        try OfferLifecycle.check(from: .pendingActive, to: .active)
        try OfferLifecycle.check(from: .active, to: .suspended)
        try OfferLifecycle.check(from: .suspended, to: .active)
        try OfferLifecycle.check(from: .created, to: .cancelled)
        try OfferLifecycle.check(from: .pendingActive, to: .cancelled)
        try OfferLifecycle.check(from: .pendingTerminate, to: .terminated)
        for (from, to) in [
            (ContractedOfferState.created, ContractedOfferState.active), (.active, .cancelled), (.terminated, .active),
            (.cancelled, .pendingActive), (.active, .terminated), (.active, .pendingTerminate), (.active, .active),
        ] {
            #expect(throws: OrderingViolation.illegalOfferTransition(from: from, to: to)) {
                try OfferLifecycle.check(from: from, to: to)
            }
        }
    }

    @Test("an illegal transition names the current state in the guide's words")
    func message() {
        let violation = OrderingViolation.illegalOfferTransition(from: .active, to: .cancelled)
        #expect(violation.message.contains("« Commande livrée » (active)"))
        #expect(violation.kind == .refusedInThisState)
        let order = OrderingViolation.illegalOrderTransition(from: .completed, to: .inProgress)
        #expect(order.message.contains("« Commande livrée » (completed)"))
    }

    @Test("orders: operator steps between the delivery states; final states have none")
    func orderTransitions() throws {
        try OrderLifecycle.check(from: .acknowledged, to: .inProgress)
        try OrderLifecycle.check(from: .acknowledged, to: .rejected)
        try OrderLifecycle.check(from: .inProgress, to: .held)
        try OrderLifecycle.check(from: .held, to: .inProgress)
        try OrderLifecycle.check(from: .inProgress, to: .pending)
        try OrderLifecycle.check(from: .pending, to: .inProgress)
        for final in [OrderState.completed, .partial, .failed, .cancelled, .rejected] {
            #expect(OrderLifecycle.isFinal(final))
            #expect(throws: DomainViolation.self) { try OrderLifecycle.check(from: final, to: .inProgress) }
        }
        #expect(throws: DomainViolation.self) { try OrderLifecycle.check(from: .inProgress, to: .completed) }
        #expect(throws: DomainViolation.self) { try OrderLifecycle.check(from: .inProgress, to: .rejected) }
    }

    @Test("the client cancels while acknowledged or pending, never after the point of no return")
    func cancellation() throws {
        try OrderLifecycle.checkCancellable(.acknowledged, pointOfNoReturn: false)
        try OrderLifecycle.checkCancellable(.pending, pointOfNoReturn: false)
        #expect(throws: OrderingViolation.pastPointOfNoReturn) {
            try OrderLifecycle.checkCancellable(.acknowledged, pointOfNoReturn: true)
        }
        #expect(throws: OrderingViolation.notCancellable(.inProgress)) {
            try OrderLifecycle.checkCancellable(.inProgress, pointOfNoReturn: false)
        }
        #expect(throws: OrderingViolation.notCancellable(.completed)) {
            try OrderLifecycle.checkCancellable(.completed, pointOfNoReturn: false)
        }
    }

    @Test(
        "the order's state follows its products",
        arguments: [
            ([OrderLifecycle.ItemOutcome.open, .delivered], OrderState.inProgress),
            ([.delivered, .delivered], .completed),
            ([.delivered, .cancelled(.deliveryFailed)], .partial),
            ([.delivered, .cancelled(.client)], .completed),
            ([.cancelled(.deliveryFailed), .cancelled(.client)], .failed),
            ([.cancelled(.client), .cancelled(.client)], .cancelled),
            ([.cancelled(.rejected)], .rejected),
        ])
    func settled(items: [OrderLifecycle.ItemOutcome], expected: OrderState) {
        #expect(OrderLifecycle.settled(.inProgress, items: items) == expected)
    }

    @Test("labels: the guide's words, a cancellation says who or why")
    func labels() {
        #expect(OrderState.acknowledged.label == "Commande déposée")
        #expect(OrderState.inProgress.label == "Commande en cours de livraison")
        #expect(OrderState.completed.label == "Commande livrée")
        #expect(OrderState.cancelled.label == "Commande annulée (client)")
        #expect(ContractedOfferState.cancelled.label(cancellation: .client) == "Commande annulée (client)")
        #expect(ContractedOfferState.cancelled.label(cancellation: .deliveryFailed) == "Livraison en échec")
        #expect(ContractedOfferState.active.label(cancellation: nil) == "Commande livrée")
    }

    @Test("an upgrade adds to the upgraded offer's characteristic")
    func upgrades() {
        let merged = UpgradeCharacteristics.merged(
            ["channels": "10", "ipbx": "3CX"], upgrades: [["added_channels": "5"], ["added_channels": "2", "note": "x"]])
        #expect(merged == ["channels": "17", "ipbx": "3CX"])
    }
}
