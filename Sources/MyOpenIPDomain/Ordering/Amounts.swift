/// A sum of money excluding VAT (HT), its VAT and the total including VAT (TTC), in euro cents.
///
/// The rounding rule, the one of every amount of the portal: VAT is computed once on the total
/// excluding VAT of a document (per rate), as `HT × rate`, rounded half up to the cent (amounts
/// are never negative here); TTC is HT + VAT. Line amounts are exact (unit price × quantity).
public struct Amounts: Sendable, Hashable {
    /// The French standard rate, 20 %, in basis points.
    public static let standardVATRateBasisPoints: Int64 = 2000

    public var excludingVATCents: Int64
    public var vatCents: Int64
    public var includingVATCents: Int64

    /// The amounts of `excludingVATCents` (≥ 0) at `rateBasisPoints`.
    public init(excludingVATCents: Int64, rateBasisPoints: Int64 = standardVATRateBasisPoints) {
        self.excludingVATCents = excludingVATCents
        vatCents = Self.roundedHalfUp(excludingVATCents * rateBasisPoints, dividedBy: 10_000)
        includingVATCents = excludingVATCents + vatCents
    }

    /// `value ÷ divisor` rounded half up, for `value` ≥ 0.
    static func roundedHalfUp(_ value: Int64, dividedBy divisor: Int64) -> Int64 {
        (value + divisor / 2) / divisor
    }

    /// « 20 % », « 5,50 % »: a VAT rate given in basis points, as the portal shows it.
    public static func percent(basisPoints: Int64) -> String {
        let fraction = basisPoints % 100
        return fraction == 0 ? "\(basisPoints / 100) %" : "\(basisPoints / 100),\(fraction < 10 ? "0" : "")\(fraction) %"
    }

    /// "1 234,56 €", as the portal shows amounts.
    public static func euros(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        var units = String(magnitude / 100)
        var grouped = ""
        while units.count > 3 {
            grouped = "\u{202F}" + units.suffix(3) + grouped
            units.removeLast(3)
        }
        let fraction = magnitude % 100
        return "\(sign)\(units)\(grouped),\(fraction < 10 ? "0" : "")\(fraction) €"
    }
}

/// The totals of a quote or an order: what is paid once, and every month.
public struct QuoteTotals: Sendable, Hashable {
    public var oneTime: Amounts
    public var monthly: Amounts

    /// The totals of items given as (unit prices, quantity).
    public init(items: [(oneTimeCents: Int64, monthlyCents: Int64, quantity: Int)]) {
        oneTime = Amounts(excludingVATCents: items.reduce(0) { $0 + $1.oneTimeCents * Int64($1.quantity) })
        monthly = Amounts(excludingVATCents: items.reduce(0) { $0 + $1.monthlyCents * Int64($1.quantity) })
    }
}
