import MyOpenIPDomain
import Testing

@Suite("Sites and contacts")
struct SiteAndContactTests {
    @Test("an address needs a street, a postcode (5 digits in France) and a city")
    func address() throws {
        let address = try PostalAddress.checked(
            street: " 37-39 rue de Neuilly ", complement: "", postcode: "92110", city: "Clichy", country: "")
        #expect(address.street == "37-39 rue de Neuilly")
        #expect(address.country == "FR")
        #expect(
            throws: DomainViolation(
                reason: "POSTCODE_INVALID", message: "Le code postal doit comporter 5 chiffres", field: "address.postcode")
        ) {
            try PostalAddress.checked(street: "1 rue", complement: "", postcode: "9211", city: "Clichy", country: "FR")
        }
        #expect(
            try PostalAddress.checked(street: "Rue Neuve 1", complement: "", postcode: "1000", city: "Bruxelles", country: "be")
                .country == "BE")
        #expect(throws: DomainViolation(reason: "ADDRESS_INCOMPLETE", message: "La ville est obligatoire", field: "address.city"))
        {
            try PostalAddress.checked(street: "1 rue", complement: "", postcode: "92110", city: " ", country: "FR")
        }
    }

    @Test(
        "phone numbers: 6 to 15 digits, with spaces, dots, dashes and a leading +",
        arguments: [
            ("01 47 56 00 00", true), ("+33 1 47 56 00 00", true), ("01.47.56.00.00", true), ("12345", false),
            ("01 47 AB", false),
            ("\u{00A0}01 47 56 00 00\n", true), ("(01) 47-56-00-00", true), ("+", false), ("++33 1 47 56 00 00", false),
            ("٠١ ٤٧ ٥٦ ٠٠ ٠٠", false), ("01 47 56 00 00 00 00 00", false), ("01\t47 56 00 00", false),
        ])
    func phone(text: String, valid: Bool) {
        #expect(((try? PhoneNumber(text)) != nil) == valid)
    }

    @Test("a contact needs a name; without email, phone or role it is saved but incomplete")
    func contact() throws {
        let partial = try ContactDraft.checked(lastName: "Martin", firstName: "Alice", email: "", phone: "", role: "")
        #expect(!partial.isComplete)
        let full = try ContactDraft.checked(
            lastName: "Martin", firstName: "Alice", email: "alice@example.fr", phone: "01 47 56 00 00",
            role: "Responsable technique")
        #expect(full.isComplete)
        #expect(
            throws: DomainViolation(
                reason: "CONTACT_NAME_REQUIRED", message: "Le nom du contact est obligatoire", field: "last_name")
        ) {
            try ContactDraft.checked(lastName: " ", firstName: "Alice", email: "", phone: "", role: "")
        }
        #expect(throws: DomainViolation(reason: "EMAIL_INVALID", message: "L'adresse e-mail n'est pas valide", field: "email")) {
            try ContactDraft.checked(lastName: "Martin", firstName: "", email: "alice@", phone: "", role: "")
        }
    }

    @Test("a site needs a name of one line")
    func siteName() throws {
        let address = PostalAddress(street: "1 rue", postcode: "92110", city: "Clichy")
        #expect(
            try SiteDraft.checked(name: "Site de Clichy", address: address, phone: "", openingHours: "9h-18h", payment: nil).phone
                == nil)
        #expect(
            throws: DomainViolation(
                reason: "SITE_NAME_INVALID", message: "Le nom du site est obligatoire (100 caractères au plus)", field: "name")
        ) {
            try SiteDraft.checked(name: "", address: address, phone: "", openingHours: "", payment: nil)
        }
    }
}
