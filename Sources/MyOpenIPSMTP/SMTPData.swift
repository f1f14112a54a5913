/// A message as sent after DATA (RFC 5321 §4.5.2): lines starting with a period get one more,
/// the last line ends with CRLF, and a line with a single period ends it.
enum SMTPData {
    static func encode(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 64 + 5)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in message {
            if atLineStart && byte == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            // A bare LF becomes CRLF: SMTP lines end with CRLF.
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") { out.append(UInt8(ascii: "\r")) }
            out.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
            previous = byte
        }
        if !atLineStart { out += [UInt8(ascii: "\r"), UInt8(ascii: "\n")] }
        out += Array(".\r\n".utf8)
        return out
    }
}
