/// An email address checked for the shape that mail servers accept: `local@domain`, a local part
/// of 1 to 64 characters, a domain of dot-separated labels ending in an alphabetic top-level
/// domain, 254 characters at most. The domain is kept lower-cased.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public static let invalidMessage = "L'adresse e-mail n'est pas valide"

    public let localPart: String
    public let domain: String

    /// Checks and normalizes `text` (surrounding spaces are ignored).
    public init(_ text: String) throws(DomainViolation) {
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        let invalid = DomainViolation(reason: "EMAIL_INVALID", message: Self.invalidMessage, field: "email")
        guard trimmed.utf8.count <= 254, let at = trimmed.lastIndex(of: "@") else { throw invalid }
        let local = String(trimmed[..<at])
        let domain = String(trimmed[trimmed.index(after: at)...]).lowercased()
        guard Self.isValidLocalPart(local), Self.isValidDomain(domain) else { throw invalid }
        self.localPart = local
        self.domain = domain
    }

    public var description: String { localPart + "@" + domain }

    private static let localSymbols = Set("!#$%&'*+-/=?^_`{|}~.")

    private static func isValidLocalPart(_ local: String) -> Bool {
        guard (1...64).contains(local.utf8.count), !local.hasPrefix("."), !local.hasSuffix("."),
              !local.contains("..") else { return false }
        return local.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || localSymbols.contains($0) }
    }

    private static func isValidDomain(_ domain: String) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2, top.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
