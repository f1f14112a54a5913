import Foundation

/// The SIREN of a French company: 9 digits whose Luhn checksum is valid, e.g. `482585663`.
/// Spaces between the digits are accepted (`482 585 663`) and dropped.
public struct Siren: Sendable, Hashable, CustomStringConvertible {
    public static let formatMessage = "Le numéro SIREN doit comporter 9 chiffres"
    public static let checksumMessage = "Le numéro SIREN n'est pas valide"

    /// The 9 digits.
    public let description: String

    public init(_ text: String) throws(DomainViolation) {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainViolation(reason: "SIREN_FORMAT", message: Self.formatMessage, field: "siren")
        }
        guard Self.luhnIsValid(digits) else {
            throw DomainViolation(reason: "SIREN_CHECKSUM", message: Self.checksumMessage, field: "siren")
        }
        description = digits
    }

    /// The SIREN whose first 8 digits are `body`, completed by its check digit (to number test
    /// and benchmark companies).
    public static func completing(_ body: String) -> Siren? {
        guard body.count == 8, let sum = luhnSum(body + "0") else { return nil }
        return try? Siren(body + String((10 - sum % 10) % 10))
    }

    /// The Luhn check: from the right, every second digit is doubled (less 9 above 9); the sum of
    /// all is a multiple of 10.
    static func luhnIsValid(_ digits: String) -> Bool {
        luhnSum(digits).map { $0 % 10 == 0 } ?? false
    }

    private static func luhnSum(_ digits: String) -> Int? {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard let value = character.wholeNumberValue else { return nil }
            let weighted = index % 2 == 1 ? value * 2 : value
            sum += weighted > 9 ? weighted - 9 : weighted
        }
        return sum
    }

    /// The French intra-EU VAT number of the company: `FR`, a 2-digit key, the SIREN; the key is
    /// (12 + 3 × (SIREN mod 97)) mod 97.
    public var vatNumber: String {
        let number = Int(description)!
        let key = (12 + 3 * (number % 97)) % 97
        return "FR" + (key < 10 ? "0" : "") + String(key) + description
    }
}
