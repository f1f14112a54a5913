/// The terms of terminating a contracted offer together with the options ordered on it, which
/// end with it: one line each, all taking effect on the same day (the latest any line's notice
/// allows, and not before the desired date).
public struct TerminationQuote: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var reference: String
        public var name: String
        public var offer: TerminationTerms.Offer
        public var terms: TerminationTerms
    }

    /// The offer first, then its options.
    public let lines: [Line]
    public let requestDate: CivilDate
    public let desiredDate: CivilDate

    public init(
        offers: [(reference: String, name: String, offer: TerminationTerms.Offer)], requestDate: CivilDate,
        desiredDate: CivilDate
    ) throws {
        precondition(!offers.isEmpty, "a termination has an offer")
        let first = try offers.map { try TerminationTerms(offer: $0.offer, requestDate: requestDate, desiredDate: desiredDate) }
        let effective = first.map(\.effectiveDate).max()!
        lines = try offers.map {
            Line(
                reference: $0.reference, name: $0.name, offer: $0.offer,
                terms: try TerminationTerms(offer: $0.offer, requestDate: requestDate, desiredDate: effective))
        }
        self.requestDate = requestDate
        self.desiredDate = desiredDate
    }

    public var main: Line { lines[0] }
    public var effectiveDate: CivilDate { main.terms.effectiveDate }
    public var terminationFeeCents: Int64 { lines.reduce(0) { $0 + $1.terms.terminationFeeCents } }
    public var penaltyCents: Int64 { lines.reduce(0) { $0 + $1.terms.penaltyCents } }
    public var totalCents: Int64 { terminationFeeCents + penaltyCents }

    /// Every figure the client is shown, in one line of text: the confirmation's digest is taken
    /// over it, so any change of a figure (or of the day) changes the digest.
    public var canonicalText: String {
        var parts = ["v1", requestDate.description, desiredDate.description, effectiveDate.description]
        for line in lines {
            parts.append(
                [
                    line.reference, String(line.terms.noticeMonths), line.terms.commitmentEndsOn?.description ?? "-",
                    String(line.terms.remainingCommittedMonths), String(line.offer.monthlyCents),
                    String(line.terms.terminationFeeCents), String(line.terms.penaltyCents),
                ].joined(separator: ":"))
        }
        return parts.joined(separator: "|")
    }
}
