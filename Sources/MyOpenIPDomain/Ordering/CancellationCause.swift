/// Why a contracted offer ended before it was delivered: the guide shows a client's cancellation
/// as « Commande annulée (client) », and the others in their own words.
public enum CancellationCause: String, Sendable, Hashable, CaseIterable {
    /// The client cancelled the order, or this product of it.
    case client
    /// Delivery failed (operator staff or the provisioning system said so).
    case deliveryFailed = "delivery_failed"
    /// Operator staff rejected the order.
    case rejected

    public var label: String {
        switch self {
        case .client: "Commande annulée (client)"
        case .deliveryFailed: "Livraison en échec"
        case .rejected: "Commande rejetée"
        }
    }
}

extension ContractedOfferState {
    /// The label of an offer in this state, saying why it was cancelled.
    public func label(cancellation: CancellationCause?) -> String {
        guard self == .cancelled, let cancellation else { return label }
        return cancellation.label
    }
}
