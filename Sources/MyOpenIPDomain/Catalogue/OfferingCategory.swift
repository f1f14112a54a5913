/// The guide's five categories of the e-shop.
public enum OfferingCategory: String, Sendable, Hashable, CaseIterable {
    case internetAccess = "internet_access"
    case cloud
    case unifiedCommunications = "unified_communications"
    case ipTelephony = "ip_telephony"
    case standardTelephony = "standard_telephony"

    /// The guide's words.
    public var label: String {
        switch self {
        case .internetAccess: "Accès Internet"
        case .cloud: "Cloud"
        case .unifiedCommunications: "Com'unifiés"
        case .ipTelephony: "Téléphonie IP"
        case .standardTelephony: "Téléphonie standard"
        }
    }
}
