import MyOpenIPDomain
import Testing

@Suite("SIREN numbers")
struct SirenTests {
    @Test(
        "valid numbers pass the Luhn check; spaces are dropped",
        arguments: [
            ("552081317", "552081317"), ("443 061 841", "443061841"), ("732829320", "732829320"), ("542065479", "542065479"),
        ])
    func valid(text: String, digits: String) throws {
        #expect(try Siren(text).description == digits)
    }

    @Test(
        "a number of another length, or with other characters, is refused with its message",
        arguments: [
            "", "55208131", "5520813170", "55208131A", "552-081-317", "５５２０８１３１７",
        ])
    func format(text: String) {
        #expect(
            throws: DomainViolation(reason: "SIREN_FORMAT", message: "Le numéro SIREN doit comporter 9 chiffres", field: "siren")
        ) {
            try Siren(text)
        }
    }

    @Test("a number whose checksum is wrong is refused", arguments: ["552081318", "123456789", "443061842"])
    func checksum(text: String) {
        #expect(throws: DomainViolation(reason: "SIREN_CHECKSUM", message: "Le numéro SIREN n'est pas valide", field: "siren")) {
            try Siren(text)
        }
    }

    @Test(
        "the VAT number is FR, the key (12 + 3 × (SIREN mod 97)) mod 97 on two digits, the SIREN",
        arguments: [
            ("552081317", "FR03552081317"), ("443061841", "FR64443061841"), ("732829320", "FR44732829320"),
        ])
    func vat(siren: String, vat: String) throws {
        #expect(try Siren(siren).vatNumber == vat)
    }
}
