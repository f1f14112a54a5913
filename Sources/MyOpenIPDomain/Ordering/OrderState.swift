/// The states of an order (TM Forum TMF622), with the guide's labels for display.
public enum OrderState: String, Sendable, Hashable, CaseIterable {
    case acknowledged
    case inProgress = "in_progress"
    case held
    case pending
    case completed
    case failed
    case partial
    case cancelled
    case rejected

    /// The TMF622 name (`inProgress`), as the API documents the states.
    public var tmfName: String {
        switch self {
        case .inProgress: "inProgress"
        default: rawValue
        }
    }

    /// The guide's words (« Commande déposée »…).
    public var label: String {
        switch self {
        case .acknowledged: "Commande déposée"
        case .inProgress, .held, .pending: "Commande en cours de livraison"
        case .completed: "Commande livrée"
        case .failed: "Commande en échec"
        case .partial: "Commande partiellement livrée"
        case .cancelled: "Commande annulée (client)"
        case .rejected: "Commande rejetée"
        }
    }
}
