/// A telephone number as people write it: digits with spaces, dots or dashes, optionally a
/// leading `+`; 6 to 15 digits. Kept as written, trimmed.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    public static let invalidMessage = "Le numéro de téléphone n'est pas valide"

    public let description: String

    public init(_ text: String, field: String = "phone") throws(DomainViolation) {
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        let body = trimmed.hasPrefix("+") ? trimmed.dropFirst() : Substring(trimmed)
        let digits = body.filter(\.isNumber).count
        guard (6...15).contains(digits), body.allSatisfy({ ($0.isASCII && $0.isNumber) || " .-()".contains($0) }) else {
            throw DomainViolation(reason: "PHONE_INVALID", message: Self.invalidMessage, field: field)
        }
        description = trimmed
    }
}
