/// The mail that asks a client's users to validate an order their partner entered (guide,
/// section 4: « vous recevrez un mail avec un lien. En cliquant sur le lien vous arriverez
/// directement sur votre commande, vous n'aurez plus qu'à la valider électroniquement »).
public struct OrderValidationRequestMail: Sendable, Hashable {
    public static let buttonLabel = "Valider la commande"

    public let subject: String
    public let body: String

    public init(
        clientName: String, quoteID: Int64, enteredBy: String, summary: [String], totals: QuoteTotals, link: String,
        expiresAt: Timestamp
    ) {
        subject = "Commande à valider pour \(clientName) (devis n° \(quoteID))"
        body = """
            Bonjour,

            \(enteredBy) a saisi une commande pour \(clientName) (devis n° \(quoteID)) :
            \(summary.map { "- " + $0 }.joined(separator: "\n"))

            \(OrderMailText.totals(totals))

            En cliquant sur le lien vous arriverez directement sur votre commande : acceptez les CGV \
            et validez-la électroniquement afin qu'OpenIP puisse procéder à l'administration et à la \
            livraison de la commande, ou refusez-la.

            \(Self.buttonLabel) : \(link)

            Ce lien est valable jusqu'au \(expiresAt.iso8601) et ne peut servir qu'une fois.

            \(OrderMailText.automatic)
            """
    }
}

/// The message « confirmant la validation de votre commande » (guide, section 5), to the user
/// who validated it and the order's follow-up contacts.
public struct OrderConfirmationMail: Sendable, Hashable {
    public let subject: String
    public let body: String

    public init(orderReference: String, clientName: String, offers: [String], totals: QuoteTotals) {
        subject = "Confirmation de votre commande \(orderReference)"
        body = """
            Bonjour,

            La commande \(orderReference) de \(clientName) a bien été validée. OpenIP procède à son \
            administration et à sa livraison.

            Offres contractées :
            \(offers.map { "- " + $0 }.joined(separator: "\n"))

            \(OrderMailText.totals(totals))

            Suivez la livraison de vos commandes dans MyOpenIP, menu « Offres contractées ».

            \(OrderMailText.automatic)
            """
    }
}

enum OrderMailText {
    static let automatic = """
        Ce mail a été envoyé automatiquement.
        Merci de ne pas y répondre.
        """

    static func totals(_ totals: QuoteTotals) -> String {
        """
        Total ponctuel : \(Amounts.euros(totals.oneTime.excludingVATCents)) HT, \
        \(Amounts.euros(totals.oneTime.includingVATCents)) TTC
        Total mensuel : \(Amounts.euros(totals.monthly.excludingVATCents)) HT, \
        \(Amounts.euros(totals.monthly.includingVATCents)) TTC
        """
    }
}
