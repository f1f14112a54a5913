import MyOpenIPDomain
import Testing

@Suite("Company references OIP-00000002")
struct CompanyReferenceTests {
    @Test func aValidReferenceIsKept() throws {
        #expect(try CompanyReference("OIP-00000002").description == "OIP-00000002")
        #expect(try CompanyReference("OIP-99999999").description == "OIP-99999999")
    }

    @Test(arguments: ["oip-00000002", "Oip-00000002", "oIP-00000002", "  OIP-00000002  "])
    func theReferenceIsNormalisedToUpperCase(text: String) throws {
        #expect(try CompanyReference(text).description == "OIP-00000002")
    }

    @Test func equalReferencesAreEqualWhateverTheirCase() throws {
        let lower = try CompanyReference("oip-00000002")
        let upper = try CompanyReference("OIP-00000002")
        #expect(lower == upper)
    }

    @Test(arguments: [
        "", "OIP-", "OIP-0000002", "OIP-000000002", "OIP00000002", "OIP 00000002", "OIP_00000002", "XYZ-00000002",
        "OIP-0000000A", "OIP-0000 002", "OIP--0000002", "-OIP-00000002", "OIP-٠٠٠٠٠٠٠٢", "OIP-００００００００",
    ])
    func invalidFormsAreRefused(text: String) {
        let error = #expect(throws: DomainViolation.self) { try CompanyReference(text) }
        #expect(error?.reason == "COMPANY_REFERENCE_INVALID")
        #expect(error?.message == "La référence de la société n'est pas valide (OIP- suivi de 8 chiffres)")
        #expect(error?.message == CompanyReference.invalidMessage)
        #expect(error?.field == "company_reference")
    }
}
