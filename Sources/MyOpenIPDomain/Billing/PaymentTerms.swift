/// When an invoice is due and what a late payment costs, as French law asks invoices to say
/// (Code de commerce L441-9 and L441-10).
///
/// - The due date is the issue date plus a number of days, at most 45: the portal's invoices are
///   periodic (monthly), for which the law allows no more (L441-10, CGI art. 289 I 3°).
/// - The late-payment penalty rate is printed as it is configured; by default the legal rule,
///   the ECB rate plus 10 points, which is never below the floor of three times the legal rate.
/// - The fixed indemnity for recovery costs is 40 € (D441-5), printed on every invoice.
/// - Early payment gets no discount unless configured otherwise.
public struct PaymentTerms: Sendable, Hashable {
    public static let maximumDays = 45
    public static let recoveryIndemnityCents: Int64 = 4_000
    public static let defaultPenaltyRate =
        "le taux d'intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente, majoré de 10 points de pourcentage"
    public static let defaultDiscount = "Pas d'escompte pour paiement anticipé."

    public var days: Int
    public var penaltyRate: String
    public var discount: String

    public init(days: Int = 30, penaltyRate: String = defaultPenaltyRate, discount: String = defaultDiscount)
        throws(DomainViolation)
    {
        guard (0...Self.maximumDays).contains(days) else { throw BillingViolation.paymentTermsTooLong }
        guard !penaltyRate.isEmpty, !discount.isEmpty else { throw BillingViolation.paymentTermsIncomplete }
        self.days = days
        self.penaltyRate = penaltyRate
        self.discount = discount
    }

    public func dueDate(issuedOn: CivilDate) -> CivilDate {
        issuedOn.adding(days: days)
    }

    /// The three payment mentions of an invoice, in French.
    public var mentions: [String] {
        [
            "Pénalités de retard : en cas de retard de paiement, \(penaltyRate), exigibles le jour suivant la date d'échéance.",
            "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 € (articles L441-10 et D441-5 du Code de commerce).",
            "Escompte : \(discount)",
        ]
    }
}
