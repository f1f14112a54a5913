/// Where a quote stands (TM Forum TMF648's states).
///
/// `inProgress` while it is built; a quote built by a partner (or operator staff) for its
/// client is `pending` once submitted, until the client validates it (`accepted`, it is then an
/// order) or refuses it (`rejected`). A client's own quote goes from `inProgress` to `accepted`
/// when it is ordered. Past its validity date a quote that was not ordered can no longer be.
public enum QuoteState: String, Sendable, Hashable, CaseIterable {
    case inProgress = "in_progress"
    case pending
    case accepted
    case rejected

    public var label: String {
        switch self {
        case .inProgress: "Devis en cours"
        case .pending: "En attente de validation du client"
        case .accepted: "Commandé"
        case .rejected: "Refusé par le client"
        }
    }

    /// The label of a quote in this state whose validity date has passed at the time it is read.
    public static let expiredLabel = "Expiré"
}
