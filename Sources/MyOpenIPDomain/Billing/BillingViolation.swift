/// What billing refuses, in the portal's words.
public enum BillingViolation {
    public static let unknownInvoice = DomainViolation(
        reason: "INVOICE_NOT_FOUND", message: "Cette facture n'existe pas", field: "number", kind: .notFound)

    public static let unknownCreditNote = DomainViolation(
        reason: "CREDIT_NOTE_NOT_FOUND", message: "Cet avoir n'existe pas", field: "number", kind: .notFound)

    /// The invoice or credit note `number` does not exist (for this caller).
    public static func unknown(_ number: DocumentNumber) -> DomainViolation {
        number.series == .invoice ? unknownInvoice : unknownCreditNote
    }

    public static let periodInvalid = DomainViolation(
        reason: "BILLING_PERIOD_INVALID", message: "La période de facturation s'écrit AAAA-MM (par exemple 2026-03)",
        field: "period")

    public static let paymentTermsTooLong = DomainViolation(
        reason: "PAYMENT_TERMS_TOO_LONG",
        message: "Le délai de paiement d'une facture périodique est de 45 jours au plus après son émission",
        field: "payment_days")

    public static let paymentTermsIncomplete = DomainViolation(
        reason: "PAYMENT_TERMS_INCOMPLETE",
        message: "Le taux des pénalités de retard et les conditions d'escompte doivent figurer sur la facture",
        field: "penalty_rate")

    public static let noLineSelected = DomainViolation(
        reason: "CREDIT_NOTE_EMPTY", message: "Un avoir porte sur au moins une ligne de la facture", field: "lines")

    /// A line number the invoice does not have.
    public static func unknownLine(_ number: Int) -> DomainViolation {
        DomainViolation(
            reason: "INVOICE_LINE_NOT_FOUND", message: "La facture n'a pas de ligne \(number)", field: "lines",
            kind: .notFound)
    }

    /// A line already credited by an earlier credit note.
    public static func lineAlreadyCredited(_ number: Int, by creditNote: String) -> DomainViolation {
        DomainViolation(
            reason: "INVOICE_LINE_ALREADY_CREDITED",
            message: "La ligne \(number) de cette facture est déjà annulée par l'avoir \(creditNote)", field: "lines",
            kind: .refusedInThisState)
    }

    public static let paymentNotPositive = DomainViolation(
        reason: "PAYMENT_AMOUNT_INVALID", message: "Le montant d'un règlement est positif", field: "amount_cents")

    /// A payment larger than what is left to pay.
    public static func paymentTooLarge(outstandingCents: Int64) -> DomainViolation {
        DomainViolation(
            reason: "PAYMENT_EXCEEDS_BALANCE",
            message: "Le règlement dépasse le reste à payer de la facture (\(Amounts.euros(outstandingCents)))",
            field: "amount_cents", kind: .refusedInThisState)
    }

    public static let alreadySettled = DomainViolation(
        reason: "INVOICE_SETTLED", message: "Cette facture est déjà réglée", field: "number", kind: .refusedInThisState)
}

extension BillingViolation {
    /// A run of a month whose first day has not come: subscriptions are billed on the 1st.
    public static func periodNotStarted(_ month: BillingMonth) -> DomainViolation {
        DomainViolation(
            reason: "BILLING_PERIOD_NOT_STARTED",
            message: "La facturation de \(month.french) commence le \(month.first.french)", field: "period",
            kind: .refusedInThisState)
    }
}
