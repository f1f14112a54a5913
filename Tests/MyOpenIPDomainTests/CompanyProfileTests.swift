import MyOpenIPDomain
import Testing

@Suite("Company records")
struct CompanyProfileTests {
    private func profile(
        name: String = "Boulangerie Martin", siren: String = "552081317", legalStatus: String = "SARL",
        website: String = "", comment: String = "", mails: CompanyMails = CompanyMails()
    ) throws(DomainViolation) -> CompanyProfile {
        try CompanyProfile.checked(
            name: name, siren: siren, legalStatus: legalStatus, comment: comment, website: website,
            financialSituation: nil, guaranteeType: nil, mails: mails)
    }

    @Test("a good record is kept, trimmed, with its defaults")
    func good() throws {
        let checked = try profile(name: "  Boulangerie Martin ", legalStatus: "sas", website: "https://boulangerie.fr")
        #expect(checked.name == "Boulangerie Martin")
        #expect(checked.legalStatus == .sas)
        #expect(checked.financialSituation == .healthy)
        #expect(checked.guaranteeType == .none)
        #expect(checked.financialSituation.label == "Saine")
    }

    @Test("each field is checked, in the order of the form")
    func refusals() {
        let cases: [(() throws -> CompanyProfile, String, String)] = [
            ({ try profile(name: " ") }, "name", "La raison sociale est obligatoire"),
            (
                { try profile(name: String(repeating: "x", count: 201)) }, "name",
                "La raison sociale doit tenir sur une ligne de 200 caractères au plus"
            ),
            ({ try profile(siren: "1") }, "siren", "Le numéro SIREN doit comporter 9 chiffres"),
            (
                { try profile(legalStatus: "GIE") }, "legal_status",
                "Le statut juridique doit être l'un de : EI, EURL, SARL, SAS, SASU, SA, SNC, SCI, SCOP, ASSOCIATION, COLLECTIVITE, ETABLISSEMENT_PUBLIC, AUTRE"
            ),
            (
                { try profile(comment: String(repeating: "c", count: 2001)) }, "comment",
                "Le commentaire ne doit pas dépasser 2000 caractères"
            ),
            (
                { try profile(website: "ftp://boulangerie.fr") }, "website",
                "Le site web doit être une adresse http:// ou https://"
            ),
            ({ try profile(website: "https://localhost") }, "website", "Le site web doit être une adresse http:// ou https://"),
        ]
        for (make, field, message) in cases {
            do {
                _ = try make()
                Issue.record("\(field) was accepted")
            } catch let violation as DomainViolation {
                #expect(violation.field == field)
                #expect(violation.message == message)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test("mail addresses are optional, and an invalid one names its category")
    func mails() throws {
        let mails = try CompanyMails(commercial: "", technical: "tech@example.fr", salesAdministration: " ", administrative: "")
        #expect(mails.technical?.description == "tech@example.fr")
        #expect(mails.commercial == nil)
        #expect(
            throws: DomainViolation(
                reason: "EMAIL_INVALID", message: "L'adresse e-mail n'est pas valide", field: "mails.commercial")
        ) {
            try CompanyMails(commercial: "x", technical: "", salesAdministration: "", administrative: "")
        }
    }

    @Test("company references are OIP- and 8 digits, in sequence")
    func references() throws {
        #expect(CompanyReference(sequence: 2)?.description == "OIP-00000002")
        #expect(try CompanyReference("OIP-00000002").sequence == 2)
        #expect(CompanyReference(sequence: 0) == nil)
        #expect(CompanyReference(sequence: 100_000_000) == nil)
    }
}
