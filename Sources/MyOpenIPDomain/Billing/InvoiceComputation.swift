/// The lines of the invoice a company gets for a billing month, from its contracted offers and
/// its usage not billed yet. Pure: the invoice run, the dry run (« what will I pay? ») and the
/// tests compute the same lines from the same facts.
///
/// The invoice of month M is dated M's first day, and bills:
/// - every month of a subscription not billed yet, up to M included (in advance), for a service
///   delivered before M's first day; its delivery month from the delivery day to the month's end
///   (``Proration``), the months after it in full;
/// - up to the month its termination takes effect in, included, and nothing after it (« toute
///   récurrence entamée est due »: no credit for a started month);
/// - the one-time charge of a service delivered before M's first day, once;
/// - a termination's fee and penalties once, when it was confirmed before M's first day;
/// - the usage of months before M.
///
/// A month left unbilled (a delivery recorded late, a run missed) is billed by the next invoice,
/// from what the offer says it was billed through. Running the same month twice is the
/// invoice store's business (one invoice per company and month).
public enum InvoiceComputation {
    public static func lines(for month: BillingMonth, offers: [BillableOffer], usage: [UsageCharge]) -> [InvoiceLine] {
        var lines: [InvoiceLine] = []
        for offer in offers.sorted(by: { $0.reference < $1.reference }) {
            lines += self.lines(for: month, offer: offer)
            lines += usage.filter { $0.offerReference == offer.reference && $0.month < month }
                .sorted { ($0.month, $0.destination.rank) < ($1.month, $1.destination.rank) }
                .map(usageLine)
        }
        let known = Set(offers.map(\.reference))
        lines += usage.filter { !known.contains($0.offerReference) && $0.month < month }
            .sorted { ($0.offerReference, $0.month, $0.destination.rank) < ($1.offerReference, $1.month, $1.destination.rank) }
            .map(usageLine)
        return lines
    }

    /// The months `offer` is due for on the invoice of `month`, each with the day its billing
    /// starts (the delivery day in the delivery month, else the first).
    public static func dueMonths(of offer: BillableOffer, on month: BillingMonth) -> [(BillingMonth, CivilDate)] {
        guard let delivered = offer.deliveredOn else { return [] }
        let deliveryMonth = BillingMonth(containing: delivered)
        guard deliveryMonth < month else { return [] }
        var start = deliveryMonth
        if let billed = offer.billedThrough {
            guard billed < month.last else { return [] }
            start = max(start, BillingMonth(containing: billed).next)
        }
        let lastDue = offer.termination.map { min(month, BillingMonth(containing: $0.effectiveOn)) } ?? month
        var due: [(BillingMonth, CivilDate)] = []
        var current = start
        while current <= lastDue {
            due.append((current, current == deliveryMonth ? delivered : current.first))
            if current.next == current { break }
            current = current.next
        }
        return due
    }

    static func lines(for month: BillingMonth, offer: BillableOffer) -> [InvoiceLine] {
        var lines: [InvoiceLine] = []
        for (due, from) in dueMonths(of: offer, on: month) {
            if from.day == 1 {
                lines.append(
                    InvoiceLine(
                        kind: .subscription, offerReference: offer.reference,
                        description: "\(offer.name) (\(offer.reference)) : abonnement \(due.french)",
                        periodStart: due.first, periodEnd: due.last, quantity: offer.quantity,
                        unitPriceCents: offer.monthlyUnitCents, amountCents: offer.monthlyCents,
                        vatRateBasisPoints: offer.vatRateBasisPoints))
            } else {
                let days = Proration.daysUsed(from: from)
                lines.append(
                    InvoiceLine(
                        kind: .proratedSubscription, offerReference: offer.reference,
                        description:
                            "\(offer.name) (\(offer.reference)) : abonnement du \(from.french) au \(due.last.french), "
                            + "prorata de \(days)/\(due.days) jours",
                        periodStart: from, periodEnd: due.last, quantity: offer.quantity,
                        unitPriceCents: offer.monthlyUnitCents,
                        amountCents: Proration.amount(monthlyCents: offer.monthlyCents, from: from),
                        vatRateBasisPoints: offer.vatRateBasisPoints))
            }
        }
        if let delivered = offer.deliveredOn, BillingMonth(containing: delivered) < month, !offer.oneTimeBilled,
            offer.oneTimeUnitCents > 0
        {
            lines.append(
                InvoiceLine(
                    kind: .oneTime, offerReference: offer.reference,
                    description: "\(offer.name) (\(offer.reference)) : frais de mise en service",
                    periodStart: delivered, periodEnd: delivered, quantity: offer.quantity,
                    unitPriceCents: offer.oneTimeUnitCents, amountCents: offer.oneTimeUnitCents * Int64(offer.quantity),
                    vatRateBasisPoints: offer.vatRateBasisPoints))
        }
        if let termination = offer.termination, termination.requestedOn < month.first, !offer.terminationBilled {
            if termination.feeCents > 0 {
                lines.append(
                    InvoiceLine(
                        kind: .terminationFee, offerReference: offer.reference,
                        description:
                            "\(offer.name) (\(offer.reference)) : frais de résiliation au \(termination.effectiveOn.french)",
                        periodStart: termination.effectiveOn, periodEnd: termination.effectiveOn, quantity: 1,
                        unitPriceCents: termination.feeCents, amountCents: termination.feeCents,
                        vatRateBasisPoints: offer.vatRateBasisPoints))
            }
            if termination.penaltyCents > 0, termination.remainingMonths > 0 {
                let start = termination.effectiveOn.firstOfNextMonth
                lines.append(
                    InvoiceLine(
                        kind: .terminationPenalty, offerReference: offer.reference,
                        description:
                            "\(offer.name) (\(offer.reference)) : pénalités de résiliation anticipée, "
                            + "\(termination.remainingMonths) mois d'engagement restant\(termination.remainingMonths > 1 ? "s" : "")",
                        periodStart: start,
                        periodEnd: BillingMonth(containing: start.adding(months: termination.remainingMonths - 1)).last,
                        quantity: termination.remainingMonths,
                        unitPriceCents: termination.penaltyCents / Int64(termination.remainingMonths),
                        amountCents: termination.penaltyCents, vatRateBasisPoints: offer.vatRateBasisPoints))
            }
        }
        return lines
    }

    static func usageLine(_ usage: UsageCharge) -> InvoiceLine {
        let minutes = usage.billedSeconds / 60
        let seconds = usage.billedSeconds % 60
        return InvoiceLine(
            kind: .usage, offerReference: usage.offerReference,
            description:
                "\(usage.offerName) (\(usage.offerReference)) : consommations \(usage.month.french), "
                + "\(usage.destination.label), \(usage.calls) appel\(usage.calls > 1 ? "s" : ""), "
                + "\(minutes) min \(seconds < 10 ? "0" : "")\(seconds) s",
            periodStart: usage.month.first, periodEnd: usage.month.last, quantity: 1, unitPriceCents: usage.amountCents,
            amountCents: usage.amountCents, vatRateBasisPoints: usage.vatRateBasisPoints)
    }
}
