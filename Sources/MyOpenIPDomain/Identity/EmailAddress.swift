/// An email address checked for the shape that mail servers accept: `local@domain`, a local part
/// of 1 to 64 characters, a domain of dot-separated labels ending in an alphabetic top-level
/// domain, 254 characters at most. The domain is kept lower-cased.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public static let invalidMessage = "L'adresse e-mail n'est pas valide"

    public let localPart: String
    public let domain: String

    /// Checks and normalizes `text` (surrounding spaces are ignored). Every accepted character is
    /// ASCII, so the checks run on the UTF-8 bytes: this runs on every company and contact read.
    public init(_ text: String) throws(DomainViolation) {
        let invalid = DomainViolation(reason: "EMAIL_INVALID", message: Self.invalidMessage, field: "email")
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { throw invalid }
        let bytes = Array(String(scalars[first...last]).utf8)
        guard bytes.count <= 254, bytes.allSatisfy({ $0 < 0x80 }), let at = bytes.lastIndex(of: UInt8(ascii: "@")) else {
            throw invalid
        }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...].map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        guard Self.isValidLocalPart(local), Self.isValidDomain(domain) else { throw invalid }
        self.localPart = String(decoding: local, as: UTF8.self)
        self.domain = String(decoding: domain, as: UTF8.self)
    }

    public var description: String { localPart + "@" + domain }

    private static let dot = UInt8(ascii: "."), hyphen = UInt8(ascii: "-")

    /// The symbols a local part may hold besides letters and digits.
    private static let localSymbols = Set("!#$%&'*+-/=?^_`{|}~.".utf8)

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isValidLocalPart(_ local: ArraySlice<UInt8>) -> Bool {
        guard (1...64).contains(local.count), local.first != dot, local.last != dot else { return false }
        var previous: UInt8 = 0
        for byte in local {
            guard isLetterOrDigit(byte) || localSymbols.contains(byte), !(byte == dot && previous == dot) else { return false }
            previous = byte
        }
        return true
    }

    private static func isValidDomain(_ domain: [UInt8]) -> Bool {
        let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2, top.allSatisfy(isLetter) else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != hyphen && label.last != hyphen
                && label.allSatisfy { isLetterOrDigit($0) || $0 == hyphen }
        }
    }
}
