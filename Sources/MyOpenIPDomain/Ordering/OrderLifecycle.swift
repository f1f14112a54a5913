/// The transitions of an order (TMF622). Operator staff move an order between the states of its
/// delivery; the final states follow from its products (``settled(_:items:)``); the client may
/// cancel while the order is acknowledged or pending, until the point of no return.
///
///     acknowledged ──▶ inProgress ◀──▶ held
///          │   │          ▲  │
///          │   │          │  ▼
///          │   │        pending
///          │   └──▶ rejected
///          └─ (its products) ──▶ completed | partial | failed | cancelled
public enum OrderLifecycle {
    /// What one product of an order came to.
    public enum ItemOutcome: Sendable, Hashable {
        /// Not delivered yet.
        case open
        /// Delivered (whatever happened to the service since).
        case delivered
        case cancelled(CancellationCause)
    }

    /// The states operator staff may move an order to from `state`.
    public static func operatorSteps(from state: OrderState) -> Set<OrderState> {
        switch state {
        case .acknowledged: [.inProgress, .held, .rejected]
        case .inProgress: [.held, .pending]
        case .held: [.inProgress]
        case .pending: [.inProgress]
        case .completed, .failed, .partial, .cancelled, .rejected: []
        }
    }

    public static func check(from state: OrderState, to target: OrderState) throws {
        guard operatorSteps(from: state).contains(target) else {
            throw OrderingViolation.illegalOrderTransition(from: state, to: target)
        }
    }

    /// Whether the order is over: nothing of it moves any more.
    public static func isFinal(_ state: OrderState) -> Bool {
        operatorSteps(from: state).isEmpty
    }

    /// Whether the client may still cancel it: acknowledged or pending (waiting for the client),
    /// and the operator has not marked the point of no return.
    public static func checkCancellable(_ state: OrderState, pointOfNoReturn: Bool) throws {
        guard !pointOfNoReturn else { throw OrderingViolation.pastPointOfNoReturn }
        guard state == .acknowledged || state == .pending else { throw OrderingViolation.notCancellable(state) }
    }

    /// The order's state once its products changed: while one is open the order keeps `current`;
    /// once all are settled,
    /// all delivered is completed, delivered and failed is partial, delivered and cancelled by
    /// the client is completed, failed (with or without cancelled ones) is failed, and all
    /// cancelled is cancelled (or rejected when the operator rejected it).
    public static func settled(_ current: OrderState, items: [ItemOutcome]) -> OrderState {
        guard !items.isEmpty, !items.contains(.open) else { return current }
        let delivered = items.filter { $0 == .delivered }.count
        let failed = items.filter { $0 == .cancelled(.deliveryFailed) }.count
        if delivered > 0 { return failed > 0 ? .partial : .completed }
        if failed > 0 { return .failed }
        if items.contains(.cancelled(.rejected)) { return .rejected }
        return .cancelled
    }
}
