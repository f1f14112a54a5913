/// Where a call went, as the rate table prices it.
public enum DestinationClass: String, Sendable, Hashable, CaseIterable {
    /// Between two lines of the operator's network.
    case onNet = "on_net"
    /// Fixed lines in metropolitan France.
    case national
    /// Mobile lines in France.
    case mobile
    /// Overseas departments and territories.
    case overseas
    /// Abroad.
    case international
    /// Special-rate numbers (08…).
    case special
    /// Emergency numbers, always free.
    case emergency

    /// How invoices and the call detail name it.
    public var label: String {
        switch self {
        case .onNet: "appels internes"
        case .national: "fixes France"
        case .mobile: "mobiles France"
        case .overseas: "outre-mer"
        case .international: "international"
        case .special: "numéros spéciaux"
        case .emergency: "numéros d'urgence"
        }
    }

    var rank: Int { Self.allCases.firstIndex(of: self)! }
}
