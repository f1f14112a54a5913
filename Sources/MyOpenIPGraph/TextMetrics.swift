/// How wide a line of text is drawn in DejaVu Sans, the graphs' font, estimated from its advance
/// widths (no kerning): enough to lay labels out without overlap, without loading the font.
enum TextMetrics {
    /// The width of `text` at `fontSize` pixels, bold a tenth wider.
    static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var units = 0
        for scalar in text.unicodeScalars {
            units += advance(scalar)
        }
        return Double(units) / 2_048 * fontSize * (bold ? 1.1 : 1)
    }

    /// The advance of `scalar` in font units (2,048 to the em).
    private static func advance(_ scalar: Unicode.Scalar) -> Int {
        let value = Int(scalar.value)
        if value >= 0x20 && value < 0x7F { return ascii[value - 0x20] }
        switch scalar {
        case "é", "è", "ê", "ë": return 1_260
        case "à", "â", "ä": return 1_255
        case "ç": return 1_126
        case "ô", "ö": return 1_253
        case "û", "ù", "ü": return 1_298
        case "î", "ï": return 569
        case "·", "\u{A0}", "\u{202F}": return 651
        case "—", "…": return 2_048
        default: return value >= 0x2E80 ? 2_048 : 1_300
        }
    }

    /// DejaVu Sans' advances for U+0020 to U+007E.
    private static let ascii: [Int] = [
        651, 821, 942, 1_716, 1_303, 1_946, 1_597, 563, 799, 799, 1_024, 1_716, 651, 739, 651, 690, 1_303, 1_303,
        1_303, 1_303, 1_303, 1_303, 1_303, 1_303, 1_303, 1_303, 690, 690, 1_716, 1_716, 1_716, 1_087, 2_048, 1_401,
        1_405, 1_430, 1_577, 1_294, 1_178, 1_587, 1_540, 604, 604, 1_343, 1_141, 1_767, 1_532, 1_612, 1_235, 1_612,
        1_423, 1_300, 1_251, 1_499, 1_401, 2_025, 1_403, 1_251, 1_403, 799, 690, 799, 1_716, 1_024, 1_024, 1_255,
        1_300, 1_126, 1_300, 1_260, 721, 1_300, 1_298, 569, 569, 1_186, 569, 1_995, 1_298, 1_253, 1_300, 1_300, 842,
        1_067, 803, 1_298, 1_212, 1_675, 1_212, 1_212, 1_075, 1_303, 690, 1_303, 1_716,
    ]

    /// `text` cut at the end, with an ellipsis, so that it is at most `maximum` pixels wide.
    static func truncated(_ text: String, fontSize: Double, bold: Bool = false, maximum: Double) -> String {
        guard width(text, fontSize: fontSize, bold: bold) > maximum else { return text }
        let scale = fontSize / 2_048 * (bold ? 1.1 : 1)
        let limit = maximum - width("…", fontSize: fontSize, bold: bold)
        var used = 0.0
        var end = text.startIndex
        for index in text.indices {
            for scalar in text[index].unicodeScalars {
                used += Double(advance(scalar)) * scale
            }
            if used > limit { break }
            end = text.index(after: index)
        }
        return String(text[..<end]) + "…"
    }
}
