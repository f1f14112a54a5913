import MyOpenIPDomain
import Testing

@Suite("Quote totals: integer cents, VAT 20 % once per total, half up")
struct QuoteAmountsTests {
    @Test("VAT is 20 % of the HT total rounded half up to the cent, and TTC is their sum")
    func vatRounding() {
        #expect(Amounts(excludingVATCents: 39_900).vatCents == 7_980)
        #expect(Amounts(excludingVATCents: 62).vatCents == 12)  // 12.4 cents
        #expect(Amounts(excludingVATCents: 63).vatCents == 13)  // 12.6 cents
        #expect(Amounts(excludingVATCents: 2_129).vatCents == 426)  // 425.8 cents
        let amounts = Amounts(excludingVATCents: 2_129)
        #expect(amounts.includingVATCents == 2_555)
        #expect(Amounts(excludingVATCents: 0).includingVATCents == 0)
    }

    @Test("exactly half a cent rounds up")
    func halfUp() {
        // At 20 % a whole number of cents never gives exactly half a cent: the rule shows at 10 %.
        #expect(Amounts(excludingVATCents: 5, rateBasisPoints: 1000).vatCents == 1)  // 0.5 → 1
        #expect(Amounts(excludingVATCents: 4, rateBasisPoints: 1000).vatCents == 0)  // 0.4 → 0
    }

    @Test("totals add unit prices times quantities, one-time and monthly apart")
    func totals() {
        let totals = QuoteTotals(items: [(99_000, 39_900, 1), (0, 1_490, 3)])
        #expect(totals.oneTime == Amounts(excludingVATCents: 99_000))
        #expect(totals.monthly.excludingVATCents == 44_370)
        #expect(totals.monthly.vatCents == 8_874)
        #expect(totals.monthly.includingVATCents == 53_244)
    }

    @Test("amounts show the French way")
    func euros() {
        #expect(Amounts.euros(123_456) == "1\u{202F}234,56 €")
        #expect(Amounts.euros(5) == "0,05 €")
    }

    @Test("order and contracted-offer references are gapless numbers of five digits at least")
    func references() {
        #expect(BusinessReference(.order, sequence: 25).description == "COM00025")
        #expect(BusinessReference(.contractedOffer, sequence: 40_482).description == "OC40482")
        #expect(BusinessReference(.order, sequence: 123_456).description == "COM123456")
        #expect(BusinessReference("com00025", kind: .order)?.sequence == 25)
        #expect(BusinessReference("OC40482", kind: .order) == nil)
        #expect(BusinessReference("COM25", kind: .order) == nil)
    }
}
