/// The login of a MyOpenIP account: `E-` and 10 digits, e.g. `E-0000001234`, given in sequence
/// and never reused.
public struct AccountLogin: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest sequence number 10 digits can hold.
    public static let maximumSequence: Int64 = 9_999_999_999

    /// The sequence number behind the login.
    public let sequence: Int64

    /// The login of sequence number `sequence` (1 … 9,999,999,999).
    public init?(sequence: Int64) {
        guard (1...Self.maximumSequence).contains(sequence) else { return nil }
        self.sequence = sequence
    }

    /// Parses `E-` followed by exactly 10 digits (the `E` may be lower-case).
    public init?(parsing text: String) {
        let characters = Array(text)
        guard characters.count == 12, characters[0] == "E" || characters[0] == "e", characters[1] == "-" else { return nil }
        let digits = characters[2...]
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(String(digits)) else { return nil }
        self.init(sequence: value)
    }

    /// `E-` and the sequence number on 10 digits.
    public var description: String {
        let digits = String(sequence)
        return "E-" + String(repeating: "0", count: 10 - digits.count) + digits
    }

    public static func < (lhs: AccountLogin, rhs: AccountLogin) -> Bool { lhs.sequence < rhs.sequence }
}
