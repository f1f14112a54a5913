/// The states of a contracted offer (« offre contractée », TM Forum TMF637's product), with the
/// labels the guide's list shows in its « État » column.
public enum ContractedOfferState: String, Sendable, Hashable, CaseIterable {
    case created
    case pendingActive = "pending_active"
    case active
    case suspended
    case pendingTerminate = "pending_terminate"
    case terminated
    case cancelled

    /// The TMF637 name (`pendingActive`).
    public var tmfName: String {
        switch self {
        case .pendingActive: "pendingActive"
        case .pendingTerminate: "pendingTerminate"
        default: rawValue
        }
    }

    public var label: String {
        switch self {
        case .created: "Commande déposée"
        case .pendingActive: "Commande en cours de livraison"
        case .active: "Commande livrée"
        case .suspended: "Suspendue"
        case .pendingTerminate: "Résiliation en cours"
        case .terminated: "Résiliée"
        case .cancelled: "Commande annulée (client)"
        }
    }
}

/// Why a contracted offer exists (« Type » in the guide's list).
public enum ContractedOfferKind: String, Sendable, Hashable, CaseIterable {
    /// A new service.
    case creation
    /// A delivered service changed by an upgrade order.
    case modification

    public var label: String {
        switch self {
        case .creation: "Création"
        case .modification: "Modification"
        }
    }
}
