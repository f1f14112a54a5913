import Foundation

/// A string map stored as a JSON object in a TEXT column.
enum JSONText {
    /// The map as a JSON object, keys sorted. Written by hand: every write encodes its audit
    /// details in its transaction, and `JSONSerialization` (bridged through `NSDictionary`) cost
    /// more there than the write itself.
    static func encode(_ map: [String: String]) -> String {
        var text = "{"
        for (index, key) in map.keys.sorted().enumerated() {
            if index > 0 { text += "," }
            appendQuoted(key, to: &text)
            text += ":"
            appendQuoted(map[key] ?? "", to: &text)
        }
        text += "}"
        return text
    }

    static func decode(_ text: String) -> [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: String] ?? [:]
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    /// Appends `string` as a JSON string: quotes, backslashes and control characters escaped.
    private static func appendQuoted(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                text += "\\u00"
                text.unicodeScalars.append(hexDigits[Int(scalar.value >> 4)])
                text.unicodeScalars.append(hexDigits[Int(scalar.value & 0xF)])
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
