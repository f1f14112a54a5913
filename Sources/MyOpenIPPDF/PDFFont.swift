/// A font program ready to embed: the subset of a TrueType font that draws every character of
/// WinAnsiEncoding (the Latin letters and signs of French text, the euro sign included),
/// deflated once, so that every document embeds the same bytes without subsetting again.
public struct EmbeddableFont: Sendable {
    let font: TrueTypeFont
    let program: [UInt8]
    let deflated: [UInt8]

    public init(_ font: TrueTypeFont) {
        self.font = font
        let glyphs = Set((32...255).map { font.glyph(WinAnsi.scalar(UInt8($0))) })
        program = font.subset(keeping: glyphs)
        deflated = Deflate.compress(program)
    }
}

/// A TrueType font as a PDF simple font: WinAnsiEncoding and widths from the font.
struct PDFFont {
    let embeddable: EmbeddableFont
    let name: String
    var font: TrueTypeFont { embeddable.font }

    init(_ embeddable: EmbeddableFont, name: String) {
        self.embeddable = embeddable
        self.name = name
    }

    /// The bytes of `text` in WinAnsiEncoding; a character it lacks becomes « ? », a narrow or
    /// no-break space a no-break space.
    func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars { out.append(WinAnsi.code(scalar) ?? 0x3F) }
        return out
    }

    /// The width of `text` at `size` points.
    func width(_ text: String, size: Double) -> Double {
        var total = 0
        for scalar in text.unicodeScalars {
            let code = WinAnsi.code(scalar) ?? 0x3F
            total += font.width(ofGlyph: font.glyph(WinAnsi.scalar(code)))
        }
        return Double(total) * size / 1000
    }

    /// `text` cut into lines no wider than `width` points, at spaces (a word wider than the line
    /// is cut where it must).
    func wrap(_ text: String, size: Double, width: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if self.width(candidate, size: size) <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = word
            while self.width(current, size: size) > width && current.count > 1 {
                var cut = current.count - 1
                while cut > 1 && self.width(String(current.prefix(cut)), size: size) > width { cut -= 1 }
                lines.append(String(current.prefix(cut)))
                current = String(current.dropFirst(cut))
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The font's objects: the font dictionary, its descriptor and its subset program.
    func write(into pdf: inout PDFWriter, tag: String) -> PDFWriter.Reference {
        let file = pdf.addStream(
            dictionary: "/Length1 \(embeddable.program.count)", encoded: embeddable.deflated, deflated: true)
        let baseName = "\(tag)+\(font.postScriptName)"
        let box = font.boundingBox
        let flags = 32 | (font.italicAngle != 0 ? 64 : 0) | (font.isBold ? 262_144 : 0)
        let descriptor = pdf.add(
            """
            << /Type /FontDescriptor /FontName /\(baseName) /Flags \(flags) \
            /FontBBox [\(font.scaled(box.0)) \(font.scaled(box.1)) \(font.scaled(box.2)) \(font.scaled(box.3))] \
            /ItalicAngle \(font.italicAngle) /Ascent \(font.scaled(font.ascent)) /Descent \(font.scaled(font.descent)) \
            /CapHeight \(font.scaled(font.capHeight)) /StemV \(font.isBold ? 120 : 80) /FontFile2 \(file.text) >>
            """)
        let widths = (32...255).map { code in String(font.width(ofGlyph: font.glyph(WinAnsi.scalar(UInt8(code))))) }
        return pdf.add(
            """
            << /Type /Font /Subtype /TrueType /BaseFont /\(baseName) /FirstChar 32 /LastChar 255 \
            /Widths [\(widths.joined(separator: " "))] /Encoding /WinAnsiEncoding /FontDescriptor \(descriptor.text) >>
            """)
    }
}

/// Windows code page 1252, the PDF's WinAnsiEncoding.
enum WinAnsi {
    static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    static func code(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        switch value {
        case 0x20...0x7E, 0xA0...0xFF: return UInt8(value)
        case 0x202F, 0x2007, 0x2009: return 0xA0
        case 0x2212: return 0x2D
        default:
            return high.firstIndex(of: value).map { UInt8(0x80 + $0) }
        }
    }

    static func scalar(_ code: UInt8) -> Unicode.Scalar {
        if (0x80...0x9F).contains(code), high[Int(code) - 0x80] != 0 {
            return Unicode.Scalar(high[Int(code) - 0x80])!
        }
        return Unicode.Scalar(code)
    }
}
