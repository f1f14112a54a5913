/// A BIC (SWIFT code): 4 letters of the bank, 2 of the country, 2 letters or digits of the place,
/// and optionally 3 of the branch.
public struct Bic: Sendable, Hashable, CustomStringConvertible {
    public static let invalidMessage = "Le BIC n'est pas valide"

    public let description: String

    public init(_ text: String) throws(DomainViolation) {
        let compact = text.filter { !$0.isWhitespace }.uppercased()
        let characters = Array(compact)
        guard characters.count == 8 || characters.count == 11,
            characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            characters[0..<6].allSatisfy(\.isLetter)
        else { throw DomainViolation(reason: "BIC_INVALID", message: Self.invalidMessage, field: "payment.bic") }
        description = compact
    }
}
