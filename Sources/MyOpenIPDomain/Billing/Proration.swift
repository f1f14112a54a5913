/// The part of a monthly price due for some days of a month (« La première facture est calculée
/// au prorata temporis entre la date de mise en service et la fin du mois »).
///
/// The rule, exact and rounded once: amount = monthly price × days used ÷ days in the month,
/// computed on integers and rounded half up to the cent, once per line (for the line's whole
/// quantity, never per unit). Delivered on 10 March at 30.00 € HT a month: 22 days of 31,
/// 3000 × 22 ÷ 31 = 2129.03… → 21.29 € HT. Kill Bill rounds the fraction to 9 decimals first;
/// the two differ only when the exact amount is a half cent and the rounded fraction falls just
/// under it (15 cents a month for 7 days of 30: exactly 3.5 cents, 4 here, 3 there). Exact is what
/// the portal promises.
public enum Proration {
    /// The days of its month from `date` to the month's end, both included (22 for 10 March).
    public static func daysUsed(from date: CivilDate) -> Int {
        date.daysInMonth - date.day + 1
    }

    /// `monthlyCents` (≥ 0) for `days` of a month of `daysInMonth` days, rounded half up.
    public static func amount(monthlyCents: Int64, days: Int, daysInMonth: Int) -> Int64 {
        precondition(monthlyCents >= 0 && (0...daysInMonth).contains(days) && daysInMonth > 0)
        let (product, overflow) = monthlyCents.multipliedReportingOverflow(by: Int64(days) * 2)
        precondition(!overflow, "a monthly price beyond any invoice")
        return (product + Int64(daysInMonth)) / (2 * Int64(daysInMonth))
    }

    /// The part of `monthlyCents` due from `date` to the end of its month.
    public static func amount(monthlyCents: Int64, from date: CivilDate) -> Int64 {
        amount(monthlyCents: monthlyCents, days: daysUsed(from: date), daysInMonth: date.daysInMonth)
    }
}
