import MyOpenIPDomain

/// A change of an order or of one of its contracted offers, as watchers receive it: written by
/// one transaction, published once it is durable.
public struct OrderChange: Sendable, Hashable {
    public var companyReference: String
    /// The client's partner when it has one: its users watch the change too.
    public var partnerReference: String?
    public var orderReference: String
    /// The order's state after the change.
    public var orderState: OrderState
    public var pilot: String?
    public var pointOfNoReturn: Bool
    /// The offer that changed; nil when the change is the order's own (pilot, state, point of no return).
    public var offerReference: String?
    public var offerFrom: ContractedOfferState?
    public var offerTo: ContractedOfferState?
    public var cancellation: CancellationCause?
    public var at: Timestamp
    public var actor: String
    public var reason: String

    /// Whether a caller of `scope` may see it: the same rule as reading the order.
    public func isVisible(in scope: CompanyScope) -> Bool {
        switch scope {
        case .everything: true
        case .nothing: false
        case .company(let reference):
            companyReference == reference.description || partnerReference == reference.description
        }
    }
}
