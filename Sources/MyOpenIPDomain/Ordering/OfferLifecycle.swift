/// The transitions of a contracted offer (TMF637), and who may make them.
///
///     created ──▶ pendingActive ──▶ active ◀──▶ suspended
///        │              │             │             │
///        └──▶ cancelled ◀┘             └──▶ pendingTerminate ◀┘ ──▶ terminated
///
/// Delivery moves an offer from created to active through pendingActive; an offer that is not
/// delivered yet may be cancelled (by the client before the point of no return, or because
/// delivery failed, or with its order's rejection). Termination goes through pendingTerminate
/// and only by a confirmed termination request (``TerminationTerms``).
public enum OfferLifecycle {
    /// The states operator staff (or a provisioning system) may move an offer to from `state`,
    /// termination aside.
    public static func deliverySteps(from state: ContractedOfferState) -> Set<ContractedOfferState> {
        switch state {
        case .created: [.pendingActive, .cancelled]
        case .pendingActive: [.active, .cancelled]
        case .active: [.suspended]
        case .suspended: [.active]
        case .pendingTerminate: [.terminated]
        case .terminated, .cancelled: []
        }
    }

    /// Refuses a move that is not a documented transition, naming the current state.
    public static func check(from state: ContractedOfferState, to target: ContractedOfferState) throws {
        guard deliverySteps(from: state).contains(target) else {
            throw OrderingViolation.illegalOfferTransition(from: state, to: target)
        }
    }

    /// Whether the offer was not delivered and may still be cancelled.
    public static func isUndelivered(_ state: ContractedOfferState) -> Bool {
        state == .created || state == .pendingActive
    }

    /// Whether the service lives: delivered and not terminated (it may be terminated).
    public static func isLive(_ state: ContractedOfferState) -> Bool {
        state == .active || state == .suspended
    }

    /// Whether the offer holds its site: anything but terminated or cancelled.
    public static func holdsSite(_ state: ContractedOfferState) -> Bool {
        state != .terminated && state != .cancelled
    }
}
