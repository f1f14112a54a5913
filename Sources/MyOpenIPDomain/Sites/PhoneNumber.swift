/// A telephone number as people write it: digits with spaces, dots or dashes, optionally a
/// leading `+`; 6 to 15 digits. Kept as written, trimmed.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    public static let invalidMessage = "Le numéro de téléphone n'est pas valide"

    public let description: String

    public init(_ text: String, field: String = "phone") throws(DomainViolation) {
        let invalid = DomainViolation(reason: "PHONE_INVALID", message: Self.invalidMessage, field: field)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { throw invalid }
        let trimmed = String(scalars[first...last])
        // Checked on the UTF-8 bytes: every character accepted is ASCII.
        let body = trimmed.utf8.first == UInt8(ascii: "+") ? trimmed.utf8.dropFirst() : trimmed.utf8[...]
        var digits = 0
        for byte in body {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
            } else if !Self.separators.contains(byte) {
                throw invalid
            }
        }
        guard (6...15).contains(digits) else { throw invalid }
        description = trimmed
    }

    /// What may stand between the digits.
    private static let separators = Set(" .-()".utf8)
}
