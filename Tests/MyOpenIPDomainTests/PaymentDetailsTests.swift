import MyOpenIPDomain
import Testing

@Suite("IBAN, BIC and payment details")
struct PaymentDetailsTests {
    @Test(
        "valid IBANs are kept without spaces, upper-cased",
        arguments: [
            ("FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189"),
            ("fr1420041010050500013m02606", "FR1420041010050500013M02606"),
            ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
            ("\u{00A0}FR76\u{00A0}3000 6000 0112 3456 7890 189\t", "FR7630006000011234567890189"),
        ])
    func validIban(text: String, compact: String) throws {
        let iban = try Iban(text)
        #expect(iban.description == compact)
        #expect(iban.grouped.hasPrefix(String(compact.prefix(4)) + " "))
    }

    @Test(
        "an IBAN with a wrong checksum, length or character is refused",
        arguments: [
            "FR7630006000011234567890188", "FR763000600001123456789018", "DE8937040044053201300", "FR76-3000-6000", "",
            "1234567890123456",
            "FR76 3000 6000 0112 3456 7890 189ß", "FRß630006000011234567890189", "FR76 3000 6000 0112 3456 7890 1890 0000 0000 0",
        ])
    func invalidIban(text: String) {
        #expect(throws: DomainViolation(reason: "IBAN_INVALID", message: "L'IBAN n'est pas valide", field: "payment.iban")) {
            try Iban(text)
        }
    }

    @Test(
        "a BIC has 8 or 11 characters, 6 letters first",
        arguments: [("BNPAFRPP", true), ("bnpafrppxxx", true), ("BNPAFRP", false), ("BNP1FRPP", false)])
    func bic(text: String, valid: Bool) {
        #expect(((try? Bic(text)) != nil) == valid)
    }

    @Test("payment details are all three fields or none")
    func allOrNone() throws {
        #expect(try PaymentDetails.checked(iban: " ", bic: "", holder: "") == nil)
        let details = try #require(
            try PaymentDetails.checked(iban: "FR7630006000011234567890189", bic: "BNPAFRPP", holder: "Ma Société"))
        #expect(details.holder == "Ma Société")
        #expect(
            throws: DomainViolation(
                reason: "ACCOUNT_HOLDER_REQUIRED", message: "Le titulaire du compte est obligatoire", field: "payment.holder")
        ) {
            try PaymentDetails.checked(iban: "FR7630006000011234567890189", bic: "BNPAFRPP", holder: "")
        }
        #expect(
            throws: DomainViolation(
                reason: "IBAN_REQUIRED", message: "L'IBAN est obligatoire avec le BIC et le titulaire du compte",
                field: "payment.iban")
        ) {
            try PaymentDetails.checked(iban: "", bic: "BNPAFRPP", holder: "Ma Société")
        }
        // An IBAN without a BIC: the BIC is missing, not invalid.
        #expect(
            throws: DomainViolation(reason: "BIC_REQUIRED", message: "Le BIC est obligatoire avec l'IBAN", field: "payment.bic")
        ) {
            try PaymentDetails.checked(iban: "FR7630006000011234567890189", bic: " ", holder: "Ma Société")
        }
    }
}
