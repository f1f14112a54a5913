/// A mail server's reply (RFC 5321 §4.2): a three-digit code and one or more lines of text.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx: done. 3xx: go on (after DATA).
    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: not now; the same command may succeed later.
    public var isTransient: Bool { (400..<500).contains(code) }
    /// 5xx: never; do not send the same again.
    public var isPermanent: Bool { (500..<600).contains(code) }

    /// The code and the text, on one line: `451 4.3.0 Try again later`.
    public var description: String {
        ([String(code)] + lines.prefix(1)).joined(separator: " ")
            + (lines.count > 1 ? " " + lines.dropFirst().joined(separator: " ") : "")
    }
}
