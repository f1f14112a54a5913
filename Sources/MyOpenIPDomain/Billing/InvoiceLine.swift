/// One line of an invoice or a credit note: what is billed, for which period, how many at what
/// unit price excluding VAT, the VAT rate and the line's amount excluding VAT, in cents.
///
/// The amount is quantity × unit price, except for a prorated month, whose amount is the
/// prorated part of that product (``Proration``), and usage, whose unit price is the line's
/// rated total.
public struct InvoiceLine: Sendable, Hashable {
    public var kind: ChargeKind
    /// The contracted offer billed (« OC00001 »).
    public var offerReference: String
    /// The designation printed on the invoice.
    public var description: String
    /// The service's period, both days included.
    public var periodStart: CivilDate
    public var periodEnd: CivilDate
    public var quantity: Int
    public var unitPriceCents: Int64
    public var vatRateBasisPoints: Int64
    public var amountCents: Int64

    public init(
        kind: ChargeKind, offerReference: String, description: String, periodStart: CivilDate, periodEnd: CivilDate,
        quantity: Int, unitPriceCents: Int64, amountCents: Int64,
        vatRateBasisPoints: Int64 = Amounts.standardVATRateBasisPoints
    ) {
        self.kind = kind
        self.offerReference = offerReference
        self.description = description
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
        self.vatRateBasisPoints = vatRateBasisPoints
        self.amountCents = amountCents
    }
}
