/// What a line of an invoice bills.
public enum ChargeKind: String, Sendable, Hashable, CaseIterable {
    /// A month of a subscription, billed in advance on the month's first day.
    case subscription
    /// The days of a subscription's first month, from its delivery to the month's end, billed on
    /// the next invoice (« au prorata temporis »).
    case proratedSubscription = "prorated_subscription"
    /// What is paid once, on the first invoice after delivery (« frais de mise en service »).
    case oneTime = "one_time"
    /// The one-time termination fee, on the first invoice after the termination was confirmed.
    case terminationFee = "termination_fee"
    /// The committed months a termination leaves unpaid, with the fee.
    case terminationPenalty = "termination_penalty"
    /// Calls of a month, rated, on the next month's invoice.
    case usage

    /// The order of lines of one offer on an invoice.
    var rank: Int { Self.allCases.firstIndex(of: self)! }
}
