/// The mail that tells an order's follow-up contacts (« Suivi de commande ») how its delivery
/// moves: sent at each change of the order's state or of one of its offers, listing the offers
/// with their state.
public struct OrderProgressMail: Sendable, Hashable {
    /// An offer of the order as the mail lists it.
    public struct Line: Sendable, Hashable {
        public var reference: String
        public var name: String
        public var stateLabel: String
        public var deliveredOn: CivilDate?

        public init(reference: String, name: String, stateLabel: String, deliveredOn: CivilDate?) {
            self.reference = reference
            self.name = name
            self.stateLabel = stateLabel
            self.deliveredOn = deliveredOn
        }
    }

    public let subject: String
    public let body: String

    public init(orderReference: String, clientName: String, orderStateLabel: String, lines: [Line], reason: String) {
        subject = "Commande \(orderReference) : \(orderStateLabel)"
        let offers = lines.map { line in
            var text = "- \(line.reference) \(line.name) : \(line.stateLabel)"
            if let delivered = line.deliveredOn { text += " le \(delivered.french)" }
            return text
        }
        body = """
            Bonjour,

            La commande \(orderReference) de \(clientName) est à l'état « \(orderStateLabel) ».
            \(reason.isEmpty ? "" : "\n\(reason)\n")
            Offres contractées :
            \(offers.joined(separator: "\n"))

            Suivez la livraison de vos commandes dans MyOpenIP, menu « Offres contractées ».

            \(OrderMailText.automatic)
            """
    }
}

/// The mail that confirms a termination request to the order's follow-up contacts and to who
/// asked for it: the offer, the effective date, the fees and penalties due.
public struct TerminationConfirmationMail: Sendable, Hashable {
    public let subject: String
    public let body: String

    public init(offers: [String], clientName: String, terms: TerminationTerms, totalCents: Int64, requestedBy: String) {
        subject = "Résiliation de l'offre \(offers.first ?? "")"
        body = """
            Bonjour,

            \(requestedBy) a demandé le \(terms.requestDate.french) la résiliation pour \(clientName) de :
            \(offers.map { "- " + $0 }.joined(separator: "\n"))

            Date de résiliation effective : \(terms.effectiveDate.french) (préavis de \(terms.noticeMonths) mois).
            Frais de résiliation et pénalités : \(Amounts.euros(totalCents)) HT.

            \(TerminationTerms.warnings.joined(separator: "\n"))

            \(OrderMailText.automatic)
            """
    }
}
