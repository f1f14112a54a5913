import MyOpenIPDomain
import Testing

@Suite("Terms of use: applicability line and drafts")
struct TermsTests {
    /// 2017-02-15T00:00:00Z.
    static let february15 = Timestamp(milliseconds: 1_487_116_800_000)

    // MARK: - TermsApplicability

    @Test func theGuidesLineIsKeptWordForWord() {
        #expect(
            TermsApplicability.label(effectiveAt: Self.february15)
                == "Version de Conditions d'Utilisation applicable au 15 Février 2017")
    }

    @Test func theSalesConditionsGetTheSameLineWithTheirName() {
        #expect(
            TermsApplicability.label(effectiveAt: Self.february15, document: .salesConditions)
                == "Version de Conditions Générales de Vente applicable au 15 Février 2017")
        #expect(TermsDocument.salesConditions.rawValue == "sales_conditions")
        #expect(TermsDocument.termsOfUse.rawValue == "terms_of_use")
        #expect(
            TermsViolation.noneInForce(.salesConditions).message
                == "Aucune version des conditions générales de vente n'est en vigueur")
        #expect(TermsViolation.noneInForce(.termsOfUse).message == "Aucune version des conditions d'utilisation n'est en vigueur")
        #expect(TermsViolation.notFound.message == "Cette version des conditions d'utilisation n'existe pas")
    }

    @Test func theTimeOfDayDoesNotChangeTheDay() {
        // 2017-02-15T23:59:59.999Z is still the 15th in UTC.
        let lastMillisecond = Timestamp(milliseconds: 1_487_116_800_000 + 86_400_000 - 1)
        #expect(
            TermsApplicability.label(effectiveAt: lastMillisecond)
                == "Version de Conditions d'Utilisation applicable au 15 Février 2017")
    }

    @Test func theFirstOfAMonthIsWritten1er() {
        // 2017-03-01T00:00:00Z
        #expect(
            TermsApplicability.label(effectiveAt: Timestamp(milliseconds: 1_488_326_400_000))
                == "Version de Conditions d'Utilisation applicable au 1er Mars 2017")
        // 2018-01-01T00:00:00Z
        #expect(
            TermsApplicability.label(effectiveAt: Timestamp(milliseconds: 1_514_764_800_000))
                == "Version de Conditions d'Utilisation applicable au 1er Janvier 2018")
    }

    @Test func augustIsWrittenAout() {
        // 2017-08-15T00:00:00Z
        #expect(
            TermsApplicability.label(effectiveAt: Timestamp(milliseconds: 1_502_755_200_000))
                == "Version de Conditions d'Utilisation applicable au 15 Août 2017")
        // 2020-08-01T00:00:00Z
        #expect(
            TermsApplicability.label(effectiveAt: Timestamp(milliseconds: 1_596_240_000_000))
                == "Version de Conditions d'Utilisation applicable au 1er Août 2020")
    }

    @Test func decemberIsTheLastMonth() {
        // 2016-12-31T00:00:00Z
        #expect(
            TermsApplicability.label(effectiveAt: Timestamp(milliseconds: 1_483_142_400_000))
                == "Version de Conditions d'Utilisation applicable au 31 Décembre 2016")
    }

    // MARK: - TermsDraft

    @Test func aDraftKeepsItsFields() throws {
        let draft = try TermsDraft(
            title: "  Conditions d'Utilisation  ", text: "Article 1\nArticle 2\n", effectiveAt: "2017-02-15",
            now: Timestamp(milliseconds: 0))
        #expect(draft.title == "Conditions d'Utilisation")
        #expect(draft.text == "Article 1\nArticle 2\n")
        #expect(draft.effectiveAt == Self.february15)
    }

    @Test func anEffectiveDateAndTimeIsRead() throws {
        let draft = try TermsDraft(
            title: "C.U.", text: "Texte", effectiveAt: "2017-02-15T10:20:30Z", now: Timestamp(milliseconds: 0))
        #expect(draft.effectiveAt == Timestamp(milliseconds: 1_487_154_030_000))
    }

    @Test(arguments: ["", "   "])
    func anEmptyEffectiveDateMeansNow(effectiveAt: String) throws {
        let now = Timestamp(milliseconds: 1_700_000_000_123)
        let draft = try TermsDraft(title: "C.U.", text: "Texte", effectiveAt: effectiveAt, now: now)
        #expect(draft.effectiveAt == now)
    }

    @Test(arguments: ["", "   ", "\n", String(repeating: "t", count: 201)])
    func theTitleIsRequiredAndShort(title: String) {
        let error = #expect(throws: DomainViolation.self) {
            try TermsDraft(title: title, text: "Texte", effectiveAt: "", now: Timestamp(milliseconds: 0))
        }
        #expect(error?.reason == "TERMS_TITLE_INVALID")
        #expect(error?.message == "Le titre est obligatoire (200 caractères au plus)")
        #expect(error?.field == "title")
    }

    @Test func aTitleOf200CharactersIsAccepted() throws {
        let title = String(repeating: "é", count: TermsDraft.maximumTitleLength)
        #expect(try TermsDraft(title: title, text: "Texte", effectiveAt: "", now: Timestamp(milliseconds: 0)).title == title)
    }

    @Test(arguments: ["", "  ", "\n\t\n"])
    func theTextIsRequired(text: String) {
        let error = #expect(throws: DomainViolation.self) {
            try TermsDraft(title: "C.U.", text: text, effectiveAt: "", now: Timestamp(milliseconds: 0))
        }
        #expect(error?.reason == "TERMS_TEXT_INVALID")
        #expect(error?.message == "Le texte est obligatoire (1 Mio au plus)")
        #expect(error?.field == "text")
    }

    @Test func theTextIsAtMostOneMebibyte() throws {
        let limit = TermsDraft.maximumTextBytes
        #expect(limit == 1_048_576)
        let fits = String(repeating: "a", count: limit)
        #expect(
            try TermsDraft(title: "C.U.", text: fits, effectiveAt: "", now: Timestamp(milliseconds: 0)).text.utf8.count == limit)
        let error = #expect(throws: DomainViolation.self) {
            try TermsDraft(title: "C.U.", text: fits + "a", effectiveAt: "", now: Timestamp(milliseconds: 0))
        }
        #expect(error?.reason == "TERMS_TEXT_INVALID")
    }

    @Test(arguments: ["15/02/2017", "demain", "2017-02"])
    func aBadEffectiveDateIsRefused(effectiveAt: String) {
        let error = #expect(throws: DomainViolation.self) {
            try TermsDraft(title: "C.U.", text: "Texte", effectiveAt: effectiveAt, now: Timestamp(milliseconds: 0))
        }
        #expect(error?.reason == "TERMS_EFFECTIVE_DATE_INVALID")
        #expect(error?.message == "La date d'application doit être au format AAAA-MM-JJ ou ISO-8601")
        #expect(error?.field == "effective_at")
    }

    @Test func theTitleIsCheckedBeforeTheTextAndTheDate() {
        let error = #expect(throws: DomainViolation.self) {
            try TermsDraft(title: "", text: "", effectiveAt: "garbage", now: Timestamp(milliseconds: 0))
        }
        #expect(error?.field == "title")
        let next = #expect(throws: DomainViolation.self) {
            try TermsDraft(title: "C.U.", text: "", effectiveAt: "garbage", now: Timestamp(milliseconds: 0))
        }
        #expect(next?.field == "text")
    }
}
