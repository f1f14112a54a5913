import MyOpenIPDomain
import Testing

@Suite("Password policy (Première Connexion)")
struct PasswordPolicyTests {
    @Test func theGuidesSentenceIsKeptWordForWord() {
        #expect(
            PasswordPolicy.requirement
                == "Votre mot de passe doit comporter au moins 8 caractères, 1 majuscule, 1 chiffre, 1 caractère spécial")
    }

    @Test(arguments: ["Abcdef1!", "Motdepasse2026#", "Éléphant9?", "P@ssw0rd"])
    func aGoodPasswordBreaksNoRule(password: String) {
        #expect(PasswordPolicy.brokenRules(password: password, confirmation: password).isEmpty)
        #expect(throws: Never.self) { try PasswordPolicy.validate(password: password, confirmation: password) }
    }

    @Test func eachMissingPartHasItsOwnMessage() throws {
        let cases: [(String, PasswordPolicy.Rule, String)] = [
            ("Ab1!xyz", .tooShort, "Votre mot de passe doit comporter au moins 8 caractères"),
            ("abcdef1!", .noUppercase, "Votre mot de passe doit comporter au moins 1 majuscule"),
            ("Abcdefg!", .noDigit, "Votre mot de passe doit comporter au moins 1 chiffre"),
            ("Abcdefg1", .noSpecialCharacter, "Votre mot de passe doit comporter au moins 1 caractère spécial"),
        ]
        for (password, rule, message) in cases {
            #expect(PasswordPolicy.brokenRules(password: password, confirmation: password) == [rule])
            let error = #expect(throws: DomainViolation.self) {
                try PasswordPolicy.validate(password: password, confirmation: password)
            }
            #expect(error?.message == message)
            #expect(error?.reason == rule.rawValue)
            #expect(error?.field == "password")
        }
    }

    @Test func everyBrokenRuleIsListedInTheGuidesOrder() {
        #expect(
            PasswordPolicy.brokenRules(password: "abc", confirmation: "abd")
                == [.tooShort, .noUppercase, .noDigit, .noSpecialCharacter, .confirmationMismatch])
    }

    @Test func theConfirmationMustBeEqual() {
        let error = #expect(throws: DomainViolation.self) {
            try PasswordPolicy.validate(password: "Abcdef1!", confirmation: "Abcdef1?")
        }
        #expect(error?.reason == "PASSWORD_CONFIRMATION_MISMATCH")
        #expect(error?.message == "La confirmation ne correspond pas au mot de passe")
        #expect(error?.field == "password_confirmation")
    }

    @Test func thePasswordMayNotBeTheLoginOrTheEmail() {
        let login = "E-0000001234"
        let email = "Jean.Dupont@Example.fr"
        for password in ["E-0000001234", "e-0000001234"] {
            #expect(
                PasswordPolicy.brokenRules(password: password, confirmation: password, login: login, email: email)
                    .contains(.sameAsIdentity))
        }
        let mail = "jean.dupont@example.fr!A1"
        #expect(PasswordPolicy.brokenRules(password: mail, confirmation: mail, login: login, email: email).isEmpty)
        let sameMail = "jean.dupont@example.fR"
        #expect(PasswordPolicy.brokenRules(password: sameMail, confirmation: sameMail, email: email).contains(.sameAsIdentity))
    }

    @Test func lengthCountsCharactersAndIsBounded() {
        let accented = "Éèàçù1!Ü"  // 8 characters, more bytes
        #expect(PasswordPolicy.brokenRules(password: accented, confirmation: accented).isEmpty)
        let long = "A1!" + String(repeating: "x", count: 126)
        #expect(PasswordPolicy.brokenRules(password: long, confirmation: long) == [.tooLong])
    }

    @Test func spacesAreNotSpecialCharacters() {
        let password = "Abcdef 1"
        #expect(PasswordPolicy.brokenRules(password: password, confirmation: password) == [.noSpecialCharacter])
    }
}
