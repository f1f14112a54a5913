/// Text as it may appear in an SVG document: XML-escaped, and stripped of the characters XML 1.0
/// cannot carry at all. Titles are user data, so every piece of text goes through here.
enum SVGText {
    /// `text` escaped for character data or a double-quoted attribute; control characters XML
    /// forbids are dropped, and tabs and line breaks become spaces (a graph's text is one line).
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        append(text, to: &result)
        return result
    }

    /// Appends `text`, escaped, to `output`.
    static func append(_ text: String, to output: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n", "\r": output += " "
            default:
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
    }

    /// Whether XML 1.0 allows `scalar` in a document (its `Char` production; Swift strings never
    /// hold surrogates).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0xFFFD, 0x1_0000...0x10_FFFF: true
        default: false
        }
    }
}
