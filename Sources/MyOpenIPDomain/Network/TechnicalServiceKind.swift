/// What a contracted offer is on the network: a data link (an Internet access) or a voice
/// trunk (the telephony offers). A cloud offer has no technical service of its own.
public enum TechnicalServiceKind: String, Sendable, Hashable, CaseIterable {
    case dataLink = "data_link"
    case voiceTrunk = "voice_trunk"

    public init?(category: OfferingCategory) {
        switch category {
        case .internetAccess: self = .dataLink
        case .ipTelephony, .standardTelephony, .unifiedCommunications: self = .voiceTrunk
        case .cloud: return nil
        }
    }

    /// The categories of the offers that have one.
    public var categories: [OfferingCategory] {
        OfferingCategory.allCases.filter { TechnicalServiceKind(category: $0) == self }
    }

    public var label: String {
        switch self {
        case .dataLink: "Lien data"
        case .voiceTrunk: "Trunk voix"
        }
    }
}
