/// The writing of a mail's header fields (RFC 5322 §2.2, RFC 2047, RFC 2231): folding, display
/// names and parameters. Values are built with single spaces where a line may be folded.
enum MailHeader {
    /// The line length a folded header keeps to (RFC 5322 §2.1.1).
    static let lineLength = 78

    /// The line length of a header that holds encoded words (RFC 2047 §2).
    static let encodedLineLength = 76

    /// `name: value` folded (CRLF and a space) at spaces outside quoted strings so that its lines
    /// stay within `limit` characters where possible; no final CRLF.
    static func field(_ name: String, _ value: String, limit: Int = lineLength) -> String {
        let characters = Array(name + ": " + value)
        let foldable = foldPoints(of: characters)
        // Whether something other than a space comes at or after each index.
        var textFollows = [Bool](repeating: false, count: characters.count + 1)
        for index in characters.indices.reversed() {
            textFollows[index] = characters[index] != " " || textFollows[index + 1]
        }
        var lines: [String] = []
        var start = 0
        // Where a line's own text may begin: after the name and `: `, or after the fold's space.
        var contentStart = name.count + 2
        while characters.count - start > limit {
            // A fold leaves some text on the line it ends and some for the next one.
            guard let firstText = characters[contentStart...].firstIndex(where: { $0 != " " }) else { break }
            let fits = stride(from: start + limit, to: firstText, by: -1)
            let canFold = { (index: Int) in foldable[index] && textFollows[index] }
            guard
                let fold = fits.first(where: canFold)
                    ?? (max(start + limit, firstText) + 1..<characters.count).first(where: canFold)
            else { break }
            lines.append(String(characters[start..<fold]))
            start = fold
            contentStart = fold + 1
        }
        lines.append(String(characters[start...]))
        // Each line after the first starts with the space it was folded at.
        return lines.joined(separator: "\r\n")
    }

    /// A display name (RFC 5322 `phrase`): as is when it is words of `atext`, a quoted string
    /// when it is other printable ASCII, encoded words otherwise; `column` is where it starts on
    /// its header's first line.
    static func phrase(_ name: String, column: Int) -> String {
        if MIMEEncoding.needsEncodedWords(name) {
            return MIMEEncoding.encodedWords(name, firstLength: encodedLineLength - column).joined(separator: " ")
        }
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        if words.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(isAtext) }) { return name }
        return quotedString(name)
    }

    /// A MIME parameter (`; attribute=value`, without the `; `): a quoted string when `value` is
    /// short printable ASCII, otherwise RFC 2231 UTF-8 percent-encoding (`attribute*=UTF-8''…`),
    /// in numbered continuations when it is long. Several segments are joined with `; `.
    static func parameter(_ attribute: String, _ value: String) -> String {
        if value.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) {
            let quoted = attribute + "=" + quotedString(value)
            if quoted.count <= lineLength - 2 { return quoted }
        }
        let encoded = percentEncoded(value)
        let whole = attribute + "*=UTF-8''" + encoded.joined()
        if whole.count <= lineLength - 2 { return whole }
        // Each `attribute*N*=…;` on its own folded line.
        var segments: [String] = []
        func label(_ number: Int) -> String { attribute + "*\(number)*=" + (number == 0 ? "UTF-8''" : "") }
        var current = label(0)
        for unit in encoded {
            if current.count + unit.count > lineLength - 3 && current != label(segments.count) {
                segments.append(current)
                current = label(segments.count)
            }
            current += unit
        }
        segments.append(current)
        return segments.joined(separator: "; ")
    }

    /// `text` between double quotes, a backslash before each `"` and `\` (RFC 5322 §3.2.4).
    private static func quotedString(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            if character == "\"" || character == "\\" { quoted += "\\" }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// Whether each character may be a fold: a space outside a quoted string.
    private static func foldPoints(of characters: [Character]) -> [Bool] {
        var points = [Bool](repeating: false, count: characters.count)
        var quoted = false
        var escaped = false
        for (index, character) in characters.enumerated() {
            if escaped {
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == " " && !quoted {
                points[index] = true
            }
        }
        return points
    }

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
        }
    }

    /// `value`'s UTF-8 bytes as RFC 2231 / RFC 5987 units: an `attr-char` as itself, any other
    /// byte as `%XX`.
    private static func percentEncoded(_ value: String) -> [String] {
        let digits = Array("0123456789ABCDEF")
        return value.utf8.map { byte in
            let scalar = Unicode.Scalar(byte)
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9": return String(scalar)
            case _ where "!#$&+-.^_`|~".unicodeScalars.contains(scalar): return String(scalar)
            default: return "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
            }
        }
    }
}
