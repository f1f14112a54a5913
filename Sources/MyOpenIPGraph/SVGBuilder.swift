/// An SVG document being written into one growing string: markup, escaped text, and
/// coordinates written with at most one decimal, a dot, and no locale, so the same graph is
/// always the same bytes.
struct SVGBuilder {
    private(set) var text = ""

    init(capacity: Int) {
        text.reserveCapacity(capacity)
    }

    /// Appends markup as is.
    mutating func raw(_ markup: String) {
        text += markup
    }

    /// Appends user-visible text, XML-escaped.
    mutating func escaped(_ content: String) {
        SVGText.append(content, to: &text)
    }

    /// Appends `value` rounded to the tenth, half away from zero: "12", "12.5", "-3.2". A value
    /// that is not finite is written as 0 (it never comes from a graph's own layout).
    mutating func number(_ value: Double) {
        guard value.isFinite else {
            text += "0"
            return
        }
        let clamped = min(max(value, -1e12), 1e12)
        let tenths = Int64((clamped * 10).rounded(.toNearestOrAwayFromZero))
        let magnitude = tenths.magnitude
        if tenths < 0 { text += "-" }
        text += String(magnitude / 10)
        let fraction = magnitude % 10
        if fraction != 0 {
            text += "."
            text += String(fraction)
        }
    }

    /// Appends ` name="value"` with a number value.
    mutating func attribute(_ name: String, _ value: Double) {
        text += " "
        text += name
        text += "=\""
        number(value)
        text += "\""
    }

    /// Appends ` name="value"` with a text value, escaped.
    mutating func attribute(_ name: String, _ value: String) {
        text += " "
        text += name
        text += "=\""
        escaped(value)
        text += "\""
    }

    /// Appends a path command and its point: "M12.5,30" or "L13,31.2".
    mutating func pathPoint(_ command: Character, _ x: Double, _ y: Double) {
        text.append(command)
        number(x)
        text += ","
        number(y)
    }
}
