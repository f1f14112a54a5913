/// What terminating a contracted offer costs and when it takes effect (guide, section 6,
/// « Résilier une offre »), from the offer's frozen terms. Pure: the dry run and the
/// confirmation compute the same figures from the same facts.
///
/// - The notice runs from the day of the request: the termination takes effect on the later of
///   the desired date and the request date plus the notice (in months, clamped to month end).
/// - The termination fee is the offering's one-time fee HT, per unit ordered.
/// - Penalties: the monthly price HT (for the quantity) of every committed month left after the
///   month the termination takes effect in. That month is billed as usual (« toute récurrence
///   entamée est due »); the months after it, up to the end of the commitment, are due at once, a
///   month the commitment ends in counting in full. Out of commitment, or never delivered
///   (nothing committed yet), there is none.
public struct TerminationTerms: Sendable, Hashable {
    /// The guide's warnings, shown with every dry run.
    public static let warnings = [
        "Pour les services facturés avec un abonnement mensuel : toute récurrence entamée est due.",
        "Une dernière facture vous sera envoyée le mois prochain pour vous facturer les coûts associés à vos consommations",
    ]

    /// The irreversible confirmation's prompt.
    public static let confirmationPrompt = "Attention, cette action est irréversible !"

    public let requestDate: CivilDate
    public let desiredDate: CivilDate
    public let noticeMonths: Int
    /// The request date plus the notice.
    public let noticeEndsOn: CivilDate
    public let effectiveDate: CivilDate
    /// The delivery date plus the commitment; nil before delivery.
    public let commitmentEndsOn: CivilDate?
    public let remainingCommittedMonths: Int
    public let terminationFeeCents: Int64
    public let penaltyCents: Int64

    public var totalCents: Int64 { terminationFeeCents + penaltyCents }

    /// The facts of one offer.
    public struct Offer: Sendable, Hashable {
        public var deliveredOn: CivilDate?
        public var commitmentMonths: Int
        public var noticeMonths: Int
        /// Per month, HT, for the quantity ordered.
        public var monthlyCents: Int64
        /// Once, HT, for the quantity ordered.
        public var terminationFeeCents: Int64

        public init(
            deliveredOn: CivilDate?, commitmentMonths: Int, noticeMonths: Int, monthlyCents: Int64,
            terminationFeeCents: Int64
        ) {
            self.deliveredOn = deliveredOn
            self.commitmentMonths = commitmentMonths
            self.noticeMonths = noticeMonths
            self.monthlyCents = monthlyCents
            self.terminationFeeCents = terminationFeeCents
        }
    }

    /// The terms of terminating `offer`, asked on `requestDate` for `desiredDate`. A desired
    /// date before the request is refused.
    public init(offer: Offer, requestDate: CivilDate, desiredDate: CivilDate) throws {
        guard desiredDate >= requestDate else { throw OrderingViolation.desiredDateInThePast }
        guard desiredDate <= requestDate.adding(months: 120) else { throw OrderingViolation.desiredDateTooFar }
        self.requestDate = requestDate
        self.desiredDate = desiredDate
        noticeMonths = offer.noticeMonths
        noticeEndsOn = requestDate.adding(months: offer.noticeMonths)
        effectiveDate = max(desiredDate, noticeEndsOn)
        terminationFeeCents = offer.terminationFeeCents
        if let delivered = offer.deliveredOn {
            let end = delivered.adding(months: offer.commitmentMonths)
            commitmentEndsOn = end
            remainingCommittedMonths = Self.months(from: effectiveDate.firstOfNextMonth, to: end)
        } else {
            commitmentEndsOn = nil
            remainingCommittedMonths = 0
        }
        penaltyCents = Int64(remainingCommittedMonths) * offer.monthlyCents
    }

    /// Whole months from `start` to `end`, a started month counting in full; 0 when `end` is not
    /// after `start`.
    static func months(from start: CivilDate, to end: CivilDate) -> Int {
        guard end > start else { return 0 }
        var months = max(0, (end.year - start.year) * 12 + (end.month - start.month) - 1)
        while start.adding(months: months) < end { months += 1 }
        return months
    }
}
