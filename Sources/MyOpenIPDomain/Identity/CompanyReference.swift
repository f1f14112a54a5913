import Foundation

/// The reference of a company, `OIP-` and 8 digits, e.g. `OIP-00000002`.
public struct CompanyReference: Sendable, Hashable, CustomStringConvertible {
    public static let invalidMessage = "La référence de la société n'est pas valide (OIP- suivi de 8 chiffres)"

    public let description: String

    /// Checks `text` (the prefix may be lower-case; it is kept upper-case).
    public init(_ text: String) throws(DomainViolation) {
        let upper = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let digits = upper.dropFirst(4)
        guard upper.hasPrefix("OIP-"), digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainViolation(reason: "COMPANY_REFERENCE_INVALID", message: Self.invalidMessage, field: "company_reference")
        }
        description = upper
    }
}
