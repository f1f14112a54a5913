/// The totals of an invoice or a credit note: per VAT rate the base and the tax, then the totals
/// excluding VAT, of VAT and including VAT, in cents.
///
/// The rounding rule is the portal's (``Amounts``): the VAT of each rate is computed once, on
/// the sum of the lines at that rate, rounded half up to the cent; the VAT total is the sum of
/// the rates' VAT; TTC = HT + VAT. Line amounts are never rounded again.
public struct InvoiceTotals: Sendable, Hashable {
    /// The base and tax of one VAT rate.
    public struct VATBreakdown: Sendable, Hashable {
        public var rateBasisPoints: Int64
        public var baseCents: Int64
        public var vatCents: Int64
    }

    /// One entry per rate used, the highest rate first.
    public let breakdown: [VATBreakdown]
    public let excludingVATCents: Int64
    public let vatCents: Int64
    public let includingVATCents: Int64

    public init(lines: [InvoiceLine]) {
        var bases: [Int64: Int64] = [:]
        for line in lines { bases[line.vatRateBasisPoints, default: 0] += line.amountCents }
        breakdown = bases.keys.sorted(by: >).map { rate in
            let amounts = Amounts(excludingVATCents: bases[rate]!, rateBasisPoints: rate)
            return VATBreakdown(rateBasisPoints: rate, baseCents: amounts.excludingVATCents, vatCents: amounts.vatCents)
        }
        excludingVATCents = breakdown.reduce(0) { $0 + $1.baseCents }
        vatCents = breakdown.reduce(0) { $0 + $1.vatCents }
        includingVATCents = excludingVATCents + vatCents
    }
}
