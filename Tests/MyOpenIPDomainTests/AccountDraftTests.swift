import MyOpenIPDomain
import Testing

@Suite("Account drafts (Création de compte)")
struct AccountDraftTests {
    @Test func aCompanyUserIsAcceptedAndNormalised() throws {
        let draft = try AccountDraft(
            displayName: "  Jean Dupont \n", email: " Jean.Dupont@Example.FR ", kind: .clientUser,
            companyReference: "  oip-00000002 ")
        #expect(draft.displayName == "Jean Dupont")
        #expect(draft.email.description == "Jean.Dupont@example.fr")
        #expect(draft.kind == .clientUser)
        #expect(draft.company?.description == "OIP-00000002")
    }

    @Test func aPartnerUserKeepsItsCompany() throws {
        let draft = try AccountDraft(
            displayName: "Marie Curie", email: "marie@example.org", kind: .partnerUser, companyReference: "OIP-12345678")
        #expect(draft.company?.description == "OIP-12345678")
    }

    @Test func operatorStaffHaveNoCompany() throws {
        let draft = try AccountDraft(
            displayName: "Opérateur", email: "ops@openip.example", kind: .operatorStaff, companyReference: "   ")
        #expect(draft.kind == .operatorStaff)
        #expect(draft.company == nil)
    }

    @Test func aNameOfExactly100CharactersIsAccepted() throws {
        let name = String(repeating: "é", count: AccountDraft.maximumDisplayNameLength)
        let draft = try AccountDraft(displayName: name, email: "a@example.fr", kind: .operatorStaff, companyReference: "")
        #expect(draft.displayName == name)
    }

    @Test(arguments: ["", "   ", "\n\t "])
    func theNameIsRequired(name: String) {
        let error = #expect(throws: DomainViolation.self) {
            try AccountDraft(displayName: name, email: "a@example.fr", kind: .operatorStaff, companyReference: "")
        }
        #expect(error?.reason == "DISPLAY_NAME_REQUIRED")
        #expect(error?.message == "Le nom est obligatoire")
        #expect(error?.field == "display_name")
    }

    @Test(arguments: [String(repeating: "a", count: 101), "Jean\nDupont", "Jean\r\nDupont"])
    func theNameFitsOnOneLineOf100Characters(name: String) {
        let error = #expect(throws: DomainViolation.self) {
            try AccountDraft(displayName: name, email: "a@example.fr", kind: .operatorStaff, companyReference: "")
        }
        #expect(error?.reason == "DISPLAY_NAME_INVALID")
        #expect(error?.message == "Le nom doit tenir sur une ligne de 100 caractères au plus")
        #expect(error?.field == "display_name")
    }

    @Test(arguments: ["", "jean", "jean@example", "jean@@example.fr"])
    func theEmailMustBeValid(email: String) {
        let error = #expect(throws: DomainViolation.self) {
            try AccountDraft(displayName: "Jean", email: email, kind: .operatorStaff, companyReference: "")
        }
        #expect(error?.reason == "EMAIL_INVALID")
        #expect(error?.message == "L'adresse e-mail n'est pas valide")
        #expect(error?.field == "email")
    }

    @Test func theKindIsRequired() {
        let error = #expect(throws: DomainViolation.self) {
            try AccountDraft(displayName: "Jean", email: "a@example.fr", kind: nil, companyReference: "OIP-00000002")
        }
        #expect(error?.reason == "ACCOUNT_KIND_REQUIRED")
        #expect(error?.message == "Le type de compte est obligatoire")
        #expect(error?.field == "kind")
    }

    @Test(arguments: [AccountKind.partnerUser, .clientUser])
    func companyUsersMustNameTheirCompany(kind: AccountKind) {
        for reference in ["", "   "] {
            let error = #expect(throws: DomainViolation.self) {
                try AccountDraft(displayName: "Jean", email: "a@example.fr", kind: kind, companyReference: reference)
            }
            #expect(error?.reason == "COMPANY_REFERENCE_REQUIRED")
            #expect(error?.message == "La référence de la société est obligatoire pour un utilisateur de société")
            #expect(error?.field == "company_reference")
        }
    }

    @Test(arguments: ["OIP-123", "ACME", "OIP-0000000A", "00000002"])
    func aCompanyReferenceMustBeValid(reference: String) {
        let error = #expect(throws: DomainViolation.self) {
            try AccountDraft(displayName: "Jean", email: "a@example.fr", kind: .clientUser, companyReference: reference)
        }
        #expect(error?.reason == "COMPANY_REFERENCE_INVALID")
        #expect(error?.message == "La référence de la société n'est pas valide (OIP- suivi de 8 chiffres)")
        #expect(error?.field == "company_reference")
    }

    @Test func operatorStaffWithACompanyIsRefused() {
        let error = #expect(throws: DomainViolation.self) {
            try AccountDraft(displayName: "Jean", email: "a@example.fr", kind: .operatorStaff, companyReference: "OIP-00000002")
        }
        #expect(error?.reason == "COMPANY_REFERENCE_NOT_ALLOWED")
        #expect(error?.message == "Un compte du personnel OpenIP n'est rattaché à aucune société")
        #expect(error?.field == "company_reference")
    }

    @Test func theFirstBrokenRuleInTheFormsOrderIsReported() {
        // Every field is wrong: the name comes first, then the email, then the kind.
        let nameFirst = #expect(throws: DomainViolation.self) {
            try AccountDraft(displayName: " ", email: "bad", kind: nil, companyReference: "bad")
        }
        #expect(nameFirst?.reason == "DISPLAY_NAME_REQUIRED")
        let emailNext = #expect(throws: DomainViolation.self) {
            try AccountDraft(displayName: "Jean", email: "bad", kind: nil, companyReference: "bad")
        }
        #expect(emailNext?.reason == "EMAIL_INVALID")
        let kindNext = #expect(throws: DomainViolation.self) {
            try AccountDraft(displayName: "Jean", email: "a@example.fr", kind: nil, companyReference: "bad")
        }
        #expect(kindNext?.reason == "ACCOUNT_KIND_REQUIRED")
    }
}
