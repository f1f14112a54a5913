/// Where a contact of a quote comes from.
public enum QuoteContactSource: String, Sendable, Hashable, CaseIterable {
    /// The client company's directory (« Contacts client existants »).
    case clientDirectory = "client_directory"
    /// The directory of the client's partner (« Contacts partenaire référent existants »).
    case partnerDirectory = "partner_directory"
    /// Added for this quote only (« Ajouter un contact »): not saved in any directory.
    case adHoc = "ad_hoc"

    public var label: String {
        switch self {
        case .clientDirectory: "Contact client"
        case .partnerDirectory: "Contact partenaire référent"
        case .adHoc: "Contact ponctuel"
        }
    }
}
