/// The states of an invoice or a credit note (TM Forum TMF678's customer bill), with the
/// portal's labels. A document is `new` only while it is computed (a dry run); it is stored
/// `issued`, with its number, and never changes again but for its state: `sent` once mailed,
/// `partiallyPaid` and `settled` as payments (or credit notes) cover it.
public enum InvoiceState: String, Sendable, Hashable, CaseIterable {
    case new
    case issued
    case sent
    case partiallyPaid = "partially_paid"
    case settled

    /// The TMF678 name (`partiallyPaid`).
    public var tmfName: String {
        switch self {
        case .partiallyPaid: "partiallyPaid"
        case .issued: "validated"
        default: rawValue
        }
    }

    public var label: String {
        switch self {
        case .new: "En préparation"
        case .issued: "Émise"
        case .sent: "Envoyée"
        case .partiallyPaid: "Partiellement réglée"
        case .settled: "Réglée"
        }
    }

    /// The state of an issued document once `paidCents` of its `dueCents` (TTC less credit
    /// notes) are paid; `sent` tells whether it was mailed.
    public static func settling(dueCents: Int64, paidCents: Int64, sent: Bool) -> InvoiceState {
        if paidCents >= dueCents { return .settled }
        if paidCents > 0 { return .partiallyPaid }
        return sent ? .sent : .issued
    }
}
