import MyOpenIPDomain
import Testing

@Suite("Email addresses")
struct EmailAddressTests {
    @Test(arguments: ["jean.dupont@example.fr", "a@b.co", "x+tag@sub.domain.example.com", "o'neil@example.org"])
    func validAddressesAreAccepted(text: String) throws {
        #expect(try EmailAddress(text).description == text)
    }

    @Test func theDomainIsLowerCasedAndSpacesTrimmed() throws {
        #expect(try EmailAddress("  Jean.Dupont@Example.FR ").description == "Jean.Dupont@example.fr")
        #expect(try EmailAddress("\u{00A0}\tjean@EXAMPLE.fr\n").description == "jean@example.fr")
        #expect(try EmailAddress("Jean@Example.FR").localPart == "Jean")
    }

    @Test(arguments: [
        "", "plainaddress", "@example.fr", "jean@", "jean@example", "jean@.example.fr", "jean@example..fr",
        "jean..dupont@example.fr", ".jean@example.fr", "jean.@example.fr", "jean@exa mple.fr", "jean@-example.fr",
        "jean@example.f", "jean@example.123", "jéan@example.fr", "jean@exämple.fr", "   ", "jean@example.fr-",
        "jean@example-.fr", "jean\u{00A0}dupont@example.fr", "je an@example.fr", "jean@@example.fr",
    ])
    func invalidAddressesAreRefusedWithAClearMessage(text: String) {
        let error = #expect(throws: DomainViolation.self) { try EmailAddress(text) }
        #expect(error?.reason == "EMAIL_INVALID")
        #expect(error?.message == "L'adresse e-mail n'est pas valide")
        #expect(error?.field == "email")
    }

    @Test func overlongAddressesAreRefused() {
        let local = String(repeating: "a", count: 65)
        #expect(throws: DomainViolation.self) { try EmailAddress(local + "@example.fr") }
        let domain = String(repeating: "a", count: 250) + ".fr"
        #expect(throws: DomainViolation.self) { try EmailAddress("a@" + domain) }
    }
}
