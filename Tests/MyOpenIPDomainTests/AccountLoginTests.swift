import MyOpenIPDomain
import Testing

@Suite("Account logins E-0000001234")
struct AccountLoginTests {
    @Test func aSequenceNumberBecomesTenDigits() throws {
        #expect(try #require(AccountLogin(sequence: 1234)).description == "E-0000001234")
        #expect(try #require(AccountLogin(sequence: 1)).description == "E-0000000001")
        #expect(try #require(AccountLogin(sequence: 9_999_999_999)).description == "E-9999999999")
    }

    @Test(arguments: [Int64(0), -1, 10_000_000_000])
    func outOfRangeSequencesHaveNoLogin(sequence: Int64) {
        #expect(AccountLogin(sequence: sequence) == nil)
    }

    @Test func parsingRoundTrips() throws {
        let login = try #require(AccountLogin(parsing: "E-0000001234"))
        #expect(login.sequence == 1234)
        #expect(AccountLogin(parsing: "e-0000001234") == login)
        #expect(AccountLogin(parsing: login.description) == login)
    }

    @Test(arguments: [
        "E-123", "E-00000012345", "X-0000001234", "E0000001234", "E-00000O1234", "E-0000000000", "", "E-٠٠٠٠٠٠١٢٣٤",
    ])
    func malformedLoginsAreRefused(text: String) {
        #expect(AccountLogin(parsing: text) == nil)
    }

    @Test func loginsSortBySequence() throws {
        let first = try #require(AccountLogin(sequence: 9))
        let second = try #require(AccountLogin(sequence: 10))
        #expect(first < second)
    }
}
