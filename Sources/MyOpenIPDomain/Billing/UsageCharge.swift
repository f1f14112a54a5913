/// The rated calls of one contracted offer in one month and one destination class, not billed
/// yet: one usage line of the next month's invoice.
public struct UsageCharge: Sendable, Hashable {
    public var offerReference: String
    public var offerName: String
    public var month: BillingMonth
    public var destination: DestinationClass
    public var calls: Int
    public var billedSeconds: Int64
    /// The sum of the calls' prices, in thousandths of a cent, rounded to the cent on the line.
    public var millicents: Int64
    public var vatRateBasisPoints: Int64

    public init(
        offerReference: String, offerName: String, month: BillingMonth, destination: DestinationClass, calls: Int,
        billedSeconds: Int64, millicents: Int64, vatRateBasisPoints: Int64 = Amounts.standardVATRateBasisPoints
    ) {
        self.offerReference = offerReference
        self.offerName = offerName
        self.month = month
        self.destination = destination
        self.calls = calls
        self.billedSeconds = billedSeconds
        self.millicents = millicents
        self.vatRateBasisPoints = vatRateBasisPoints
    }

    /// The line's amount: the calls' prices summed, then rounded half up to the cent, once.
    public var amountCents: Int64 { (millicents + 500) / 1000 }
}
