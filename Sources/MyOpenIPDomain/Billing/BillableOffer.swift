/// What billing knows of one contracted offer: its frozen prices, its delivery and termination
/// days, and how far it was billed already.
public struct BillableOffer: Sendable, Hashable {
    /// A confirmed termination: the day it was asked, the day it takes effect, and what it costs.
    public struct Termination: Sendable, Hashable {
        public var requestedOn: CivilDate
        public var effectiveOn: CivilDate
        /// The one-time fee HT, for the quantity ordered.
        public var feeCents: Int64
        /// The committed months left unpaid, and their price HT.
        public var remainingMonths: Int
        public var penaltyCents: Int64

        public init(
            requestedOn: CivilDate, effectiveOn: CivilDate, feeCents: Int64, remainingMonths: Int, penaltyCents: Int64
        ) {
            self.requestedOn = requestedOn
            self.effectiveOn = effectiveOn
            self.feeCents = feeCents
            self.remainingMonths = remainingMonths
            self.penaltyCents = penaltyCents
        }
    }

    /// « OC00001 ».
    public var reference: String
    public var name: String
    public var quantity: Int
    /// Unit prices HT, frozen when ordered.
    public var monthlyUnitCents: Int64
    public var oneTimeUnitCents: Int64
    public var vatRateBasisPoints: Int64
    /// The day the service was delivered; nil while it is not (nothing is due).
    public var deliveredOn: CivilDate?
    public var termination: Termination?
    /// The last day the subscription was billed to, on an issued invoice; nil when never.
    public var billedThrough: CivilDate?
    /// Whether the one-time charge, and the termination's fee and penalties, were billed.
    public var oneTimeBilled: Bool
    public var terminationBilled: Bool

    public init(
        reference: String, name: String, quantity: Int, monthlyUnitCents: Int64, oneTimeUnitCents: Int64,
        vatRateBasisPoints: Int64 = Amounts.standardVATRateBasisPoints, deliveredOn: CivilDate?,
        termination: Termination? = nil, billedThrough: CivilDate? = nil, oneTimeBilled: Bool = false,
        terminationBilled: Bool = false
    ) {
        self.reference = reference
        self.name = name
        self.quantity = quantity
        self.monthlyUnitCents = monthlyUnitCents
        self.oneTimeUnitCents = oneTimeUnitCents
        self.vatRateBasisPoints = vatRateBasisPoints
        self.deliveredOn = deliveredOn
        self.termination = termination
        self.billedThrough = billedThrough
        self.oneTimeBilled = oneTimeBilled
        self.terminationBilled = terminationBilled
    }

    /// The monthly price HT for the quantity ordered.
    public var monthlyCents: Int64 { monthlyUnitCents * Int64(quantity) }
}
