import Foundation

/// Draws on a page in points from its top-left corner: text in the document's fonts, rules and
/// shaded boxes, all in DeviceRGB (which the sRGB output intent describes).
struct PDFCanvas {
    private(set) var content = ""

    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
    }

    mutating func text(_ string: String, x: Double, top: Double, font: PDFFont, size: Double, gray: Double = 0) {
        guard !string.isEmpty else { return }
        let y = PDFPage.height - top
        let bytes = font.encode(string)
        let g = Self.number(gray)
        content +=
            "BT \(g) \(g) \(g) rg /\(font.name) \(Self.number(size)) Tf \(Self.number(x)) \(Self.number(y)) Td <\(PDFWriter.hex(bytes))> Tj ET\n"
    }

    /// Text whose right edge is at `right`.
    mutating func rightText(_ string: String, right: Double, top: Double, font: PDFFont, size: Double) {
        text(string, x: right - font.width(string, size: size), top: top, font: font, size: size)
    }

    mutating func rule(from x1: Double, to x2: Double, top: Double, gray: Double = 0.6, width: Double = 0.5) {
        let y = Self.number(PDFPage.height - top)
        let g = Self.number(gray)
        content += "\(g) \(g) \(g) RG \(Self.number(width)) w \(Self.number(x1)) \(y) m \(Self.number(x2)) \(y) l S\n"
    }

    mutating func box(x: Double, top: Double, width: Double, height: Double, gray: Double) {
        let g = Self.number(gray)
        content +=
            "\(g) \(g) \(g) rg \(Self.number(x)) \(Self.number(PDFPage.height - top - height)) \(Self.number(width)) \(Self.number(height)) re f\n"
    }
}
