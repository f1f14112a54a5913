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
        let invalid = DomainViolation(reason: "IBAN_INVALID", message: Self.invalidMessage, field: "payment.iban")
        // Checked on ASCII bytes: spaces (any Unicode space) are dropped, letters upper-cased,
        // anything else than a letter or a digit refused.
        var compact: [UInt8] = []
        compact.reserveCapacity(34)
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
            guard scalar.isASCII, compact.count < 34 else { throw invalid }
            var byte = UInt8(scalar.value)
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 32 }
            guard Self.isLetter(byte) || Self.isDigit(byte) else { throw invalid }
            compact.append(byte)
        }
        guard compact.count >= 15, Self.isLetter(compact[0]), Self.isLetter(compact[1]), Self.isDigit(compact[2]),
            Self.isDigit(compact[3])
        else { throw invalid }
        let country = String(decoding: compact[0..<2], as: UTF8.self)
        guard Self.lengths[country].map({ $0 == compact.count }) ?? true, Self.checksumIsValid(compact) else { throw invalid }
        description = String(decoding: compact, as: UTF8.self)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// ISO 13616: the first four characters moved to the end, letters read as 10 … 35, the whole
    /// number mod 97 is 1. `iban` is upper-case ASCII letters and digits.
    static func checksumIsValid(_ iban: [UInt8]) -> Bool {
        var remainder = 0
        for byte in iban[4...] + iban[..<4] {
            if isDigit(byte) {
                remainder = (remainder * 10 + Int(byte - UInt8(ascii: "0"))) % 97
            } else if isLetter(byte) {
                remainder = (remainder * 100 + Int(byte) - 55) % 97
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
