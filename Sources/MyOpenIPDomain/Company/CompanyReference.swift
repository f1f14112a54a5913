import Foundation

/// The reference of a company, `OIP-` and 8 digits, e.g. `OIP-00000002`.
public struct CompanyReference: Sendable, Hashable, CustomStringConvertible {
    public static let invalidMessage = "La référence de la société n'est pas valide (OIP- suivi de 8 chiffres)"

    public let description: String

    /// The reference of sequence number `sequence` (1 … 99,999,999).
    public init?(sequence: Int64) {
        guard (1...99_999_999).contains(sequence) else { return nil }
        let digits = String(sequence)
        description = "OIP-" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// The sequence number behind the reference.
    public var sequence: Int64 { Int64(description.dropFirst(4))! }

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
