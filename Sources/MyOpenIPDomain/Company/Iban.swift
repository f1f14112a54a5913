import Foundation

/// An IBAN whose check digits are right (ISO 13616: the number moved and read as digits, mod 97
/// is 1), and whose length is its country's for the countries listed. Spaces are dropped and
/// letters upper-cased.
public struct Iban: Sendable, Hashable, CustomStringConvertible {
    public static let invalidMessage = "L'IBAN n'est pas valide"

    /// The lengths of the IBANs of the SEPA countries most seen here.
    static let lengths: [String: Int] = [
        "FR": 27, "MC": 27, "BE": 16, "LU": 20, "DE": 22, "ES": 24, "IT": 27, "NL": 18, "PT": 25, "CH": 21, "GB": 22,
        "IE": 22, "AT": 20,
    ]

    /// The IBAN without spaces, e.g. `FR7630006000011234567890189`.
    public let description: String

    public init(_ text: String) throws(DomainViolation) {
        let compact = text.filter { !$0.isWhitespace }.uppercased()
        let invalid = DomainViolation(reason: "IBAN_INVALID", message: Self.invalidMessage, field: "payment.iban")
        guard (15...34).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw invalid
        }
        let country = String(compact.prefix(2))
        guard country.allSatisfy(\.isLetter), compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber),
              Self.lengths[country].map({ $0 == compact.count }) ?? true, Self.checksumIsValid(compact)
        else { throw invalid }
        description = compact
    }

    static func checksumIsValid(_ iban: String) -> Bool {
        var remainder = 0
        for character in iban.dropFirst(4) + iban.prefix(4) {
            if let digit = character.wholeNumberValue, character.isASCII {
                remainder = (remainder * 10 + digit) % 97
            } else if let ascii = character.asciiValue {
                remainder = (remainder * 100 + Int(ascii) - 55) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }

    /// Groups of four characters, as printed on a RIB.
    public var grouped: String {
        stride(from: 0, to: description.count, by: 4).map { start in
            let from = description.index(description.startIndex, offsetBy: start)
            let to = description.index(from, offsetBy: min(4, description.count - start))
            return String(description[from..<to])
        }.joined(separator: " ")
    }
}
