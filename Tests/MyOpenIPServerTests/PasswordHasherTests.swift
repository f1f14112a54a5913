import Testing

@testable import MyOpenIPServer

@Suite("Password hashing with scrypt")
struct PasswordHasherTests {
    /// Cheap parameters: the rules under test do not depend on the cost.
    private let hasher = PasswordHasher(parameters: .init(logRounds: 10))

    @Test func aHashVerifiesItsPasswordAndNoOther() async throws {
        let stored = try await hasher.hash("Abcdef1!")
        #expect(stored.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(try await hasher.verify("Abcdef1!", against: stored))
        #expect(try await !hasher.verify("Abcdef1?", against: stored))
        #expect(try await !hasher.verify("", against: stored))
    }

    @Test func eachHashHasItsOwnSalt() async throws {
        let first = try await hasher.hash("Abcdef1!")
        let second = try await hasher.hash("Abcdef1!")
        #expect(first != second)
        #expect(try await hasher.verify("Abcdef1!", against: second))
    }

    @Test func parametersTravelWithTheHashSoTheyCanBeRaised() async throws {
        let old = try await hasher.hash("Abcdef1!")
        let stronger = PasswordHasher(parameters: .init(logRounds: 11))
        #expect(try await stronger.verify("Abcdef1!", against: old))
        #expect(stronger.needsRehash(old))
        #expect(!hasher.needsRehash(old))
    }

    @Test(arguments: [
        "", "plain", "$scrypt$ln=10,r=8,p=1$c2FsdA$", "$bcrypt$ln=10,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$scrypt$ln=99,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$scrypt$ln=x,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    ])
    func anUnreadableHashVerifiesNothing(stored: String) async throws {
        #expect(try await !hasher.verify("Abcdef1!", against: stored))
        #expect(hasher.needsRehash(stored))
    }

    @Test func theStandardCostIsMemoryHard() {
        #expect(PasswordHasher.Parameters.standard.memory == 32 << 20)
    }

    @Test func constantTimeComparison() {
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
    }
}
