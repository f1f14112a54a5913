/// Text from the wire made safe for a log line: control characters, line breaks, escape
/// sequences and backslashes are written as escapes, so a caller cannot forge a line or drive a
/// terminal, and the text is cut to a bounded length.
public enum LogText {
    /// At most `limit` characters of `text`, escaped; a longer text ends with `…(+N)`, N the
    /// characters left out.
    public static func escaped(_ text: some StringProtocol, limit: Int = 128) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                let rest = text.unicodeScalars.count - count
                return result + "…(+\(rest))"
            }
            count += 1
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\"": result += "\\\""
            default:
                if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                    || scalar == "\u{2028}" || scalar == "\u{2029}"
                {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
