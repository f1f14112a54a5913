/// The transfer encodings of an Internet mail (MIME, RFC 2045–2047): quoted-printable for the
/// text, encoded words for header text, base64 for attachments. Every output is 7-bit ASCII.
public enum MIMEEncoding {
    /// The longest encoded line of quoted-printable or base64 text (RFC 2045 §6.7, §6.8).
    static let maximumLineLength = 76

    /// The longest encoded word (RFC 2047 §2).
    static let maximumEncodedWordLength = 75

    /// Quoted-printable (RFC 2045 §6.7) of `text`'s UTF-8 bytes.
    ///
    /// Each line break of `text` (`\n` or `\r\n`) becomes a hard line break (CRLF); longer lines
    /// get soft line breaks (`=` CRLF) so that no encoded line exceeds 76 characters, and an `=XX`
    /// is never split. `=`, control bytes and non-ASCII bytes are written `=XX` (uppercase hex), so
    /// are a space or a tab that ends a line.
    public static func quotedPrintable(_ text: String) -> String {
        var lines: [String] = []
        for line in hardLines(of: Array(text.utf8)) {
            lines.append(contentsOf: quotedPrintableLines(of: line))
        }
        return lines.joined(separator: "\r\n")
    }

    /// Header text (RFC 2047): `text` itself when it is printable ASCII without `=?`; otherwise
    /// UTF-8 base64 encoded words (`=?UTF-8?B?…?=`) of at most 75 characters each, split between
    /// characters (never inside one), separated by CRLF and a space (a folded header).
    public static func encodedWord(_ text: String) -> String {
        guard needsEncodedWords(text) else { return text }
        return encodedWords(text).joined(separator: "\r\n ")
    }

    /// Base64 (RFC 2045 §6.8) of `bytes` in lines of 76 characters joined with CRLF.
    public static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = base64(bytes)
        var lines: [String] = []
        var start = 0
        while start < encoded.count {
            let end = min(start + maximumLineLength, encoded.count)
            lines.append(String(decoding: encoded[start..<end], as: UTF8.self))
            start = end
        }
        return lines.joined(separator: "\r\n")
    }

    /// Whether header text must be written as encoded words: anything but printable ASCII, or
    /// a `=?` that a reader would take for the start of one.
    static func needsEncodedWords(_ text: String) -> Bool {
        text.unicodeScalars.contains { !(0x20...0x7E).contains($0.value) } || text.contains("=?")
    }

    /// The encoded words of `text` (at least one), the first at most `firstLength` characters
    /// long (to leave room for a header's name on its line), the others at most 75.
    static func encodedWords(_ text: String, firstLength: Int = maximumEncodedWordLength) -> [String] {
        let prefix = "=?UTF-8?B?"
        let suffix = "?="
        func capacity(_ length: Int) -> Int {
            // Whole base64 quanta: 4 characters for 3 bytes; room for one 4-byte scalar at least.
            max(6, (length - prefix.count - suffix.count) / 4 * 3)
        }
        let chunks = utf8Chunks(
            of: text,
            firstCapacity: capacity(min(firstLength, maximumEncodedWordLength)),
            capacity: capacity(maximumEncodedWordLength)
        )
        return chunks.map { prefix + String(decoding: base64($0), as: UTF8.self) + suffix }
    }

    /// The UTF-8 bytes of `text` in chunks of at most `firstCapacity` bytes for the first and
    /// `capacity` for the others (at least one chunk, maybe empty), cut between characters
    /// (grapheme clusters); a character too long for a chunk is cut between its Unicode scalars.
    private static func utf8Chunks(of text: String, firstCapacity: Int, capacity: Int) -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        var current: [UInt8] = []
        func add(_ bytes: [UInt8]) {
            let room = chunks.isEmpty ? firstCapacity : capacity
            if !current.isEmpty && current.count + bytes.count > room {
                chunks.append(current)
                current = []
            }
            current += bytes
        }
        for character in text {
            let bytes = Array(character.utf8)
            if bytes.count <= capacity {
                add(bytes)
            } else {
                for scalar in character.unicodeScalars {
                    add(Array(String(scalar).utf8))
                }
            }
        }
        chunks.append(current)
        return chunks
    }

    /// The lines of `bytes`, split at each LF (and a CR just before it).
    private static func hardLines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            let end = index > start && bytes[index - 1] == 0x0D ? index - 1 : index
            lines.append(bytes[start..<end])
            start = index + 1
        }
        lines.append(bytes[start...])
        return lines
    }

    /// One line of text (no line break) as encoded lines, all but the last ending with a soft
    /// line break.
    private static func quotedPrintableLines(of line: ArraySlice<UInt8>) -> [String] {
        var lines: [String] = []
        var current = ""
        for index in line.indices {
            let byte = line[index]
            let isLast = index == line.index(before: line.endIndex)
            let literal = (0x21...0x7E).contains(byte) && byte != UInt8(ascii: "=")
            let blank = byte == 0x20 || byte == 0x09
            let token = literal || (blank && !isLast) ? String(UnicodeScalar(byte)) : escaped(byte)
            // The last token may fill the line; any other leaves room for the soft break's `=`.
            let room = isLast ? maximumLineLength : maximumLineLength - 1
            if current.count + token.count > room {
                lines.append(current + "=")
                current = ""
            }
            current += token
        }
        lines.append(current)
        return lines
    }

    private static func escaped(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    /// Base64 of `bytes` on one line, as ASCII bytes.
    private static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group = UInt32(bytes[index]) << 16
            if count > 1 { group |= UInt32(bytes[index + 1]) << 8 }
            if count > 2 { group |= UInt32(bytes[index + 2]) }
            for position in 0..<4 {
                if position <= count {
                    output.append(alphabet[Int((group >> UInt32(18 - 6 * position)) & 0x3F)])
                } else {
                    output.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return output
    }
}
