/// A TrueType font file read for embedding (Apple's and Microsoft's `sfnt` format): its metrics,
/// its Unicode map, its advance widths, and a subset that keeps only the glyphs a document uses.
public struct TrueTypeFont: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case malformed(String)
        public var description: String {
            switch self {
            case .malformed(let what): "not a usable TrueType font: \(what)"
            }
        }
    }

    let bytes: [UInt8]
    let tables: [String: Range<Int>]
    public let postScriptName: String
    let unitsPerEm: Int
    let boundingBox: (Int, Int, Int, Int)
    let ascent: Int
    let descent: Int
    let capHeight: Int
    let longLoca: Bool
    let glyphCount: Int
    let advances: [Int]
    let unicodeToGlyph: [UInt32: Int]
    let italicAngle: Int
    let isBold: Bool

    public init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count > 12 else { throw Failure.malformed("too short") }
        let count = Self.u16(bytes, 4)
        var tables: [String: Range<Int>] = [:]
        for index in 0..<count {
            let entry = 12 + index * 16
            guard entry + 16 <= bytes.count else { throw Failure.malformed("table directory") }
            let tag = String(decoding: bytes[entry..<entry + 4], as: UTF8.self)
            let offset = Self.u32(bytes, entry + 8)
            let length = Self.u32(bytes, entry + 12)
            guard offset + length <= bytes.count else { throw Failure.malformed("table \(tag)") }
            tables[tag] = offset..<offset + length
        }
        for tag in ["head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf"] where tables[tag] == nil {
            throw Failure.malformed("no \(tag) table")
        }
        self.tables = tables
        let head = tables["head"]!.lowerBound
        unitsPerEm = Self.u16(bytes, head + 18)
        boundingBox = (
            Self.s16(bytes, head + 36), Self.s16(bytes, head + 38), Self.s16(bytes, head + 40), Self.s16(bytes, head + 42)
        )
        longLoca = Self.s16(bytes, head + 50) == 1
        isBold = Self.u16(bytes, head + 44) & 1 == 1
        glyphCount = Self.u16(bytes, tables["maxp"]!.lowerBound + 4)
        let hhea = tables["hhea"]!.lowerBound
        var ascent = Self.s16(bytes, hhea + 4)
        var descent = Self.s16(bytes, hhea + 6)
        var capHeight = ascent
        if let os2 = tables["OS/2"]?.lowerBound {
            ascent = Self.s16(bytes, os2 + 68)
            descent = Self.s16(bytes, os2 + 70)
            if Self.u16(bytes, os2) >= 2 { capHeight = Self.s16(bytes, os2 + 88) }
        }
        self.ascent = ascent
        self.descent = descent
        self.capHeight = capHeight
        italicAngle = tables["post"].map { Self.s16(bytes, $0.lowerBound + 4) } ?? 0
        let metrics = Self.u16(bytes, hhea + 34)
        let hmtx = tables["hmtx"]!.lowerBound
        var advances: [Int] = []
        advances.reserveCapacity(glyphCount)
        for glyph in 0..<glyphCount {
            advances.append(Self.u16(bytes, hmtx + 4 * min(glyph, max(metrics - 1, 0))))
        }
        self.advances = advances
        unicodeToGlyph = try Self.unicodeMap(bytes, tables["cmap"]!)
        postScriptName = Self.postScriptName(bytes, tables["name"]) ?? "Font"
    }

    /// The glyph of a character, 0 (.notdef) when the font has none.
    func glyph(_ scalar: Unicode.Scalar) -> Int { unicodeToGlyph[scalar.value] ?? 0 }

    /// A glyph's advance in thousandths of the font size.
    func width(ofGlyph glyph: Int) -> Int { advances[min(glyph, advances.count - 1)] * 1000 / unitsPerEm }

    func scaled(_ value: Int) -> Int { value * 1000 / unitsPerEm }

    /// The font file with only `glyphs` (and .notdef, and the parts of composite glyphs) drawn:
    /// other glyphs are kept as empty outlines, so glyph numbers and the Unicode map stay valid,
    /// and tables a PDF viewer does not use (layout, kerning, bitmaps) are left out.
    func subset(keeping glyphs: Set<Int>) -> [UInt8] {
        let glyf = tables["glyf"]!
        let loca = tables["loca"]!.lowerBound
        func location(_ glyph: Int) -> Int {
            longLoca ? Self.u32(bytes, loca + glyph * 4) : Self.u16(bytes, loca + glyph * 2) * 2
        }
        var kept = glyphs.union([0]).filter { $0 < glyphCount }
        var pending = Array(kept)
        while let glyph = pending.popLast() {
            let start = glyf.lowerBound + location(glyph)
            let end = glyf.lowerBound + location(glyph + 1)
            guard end - start >= 10, Self.s16(bytes, start) < 0 else { continue }
            // A composite glyph: its components are glyphs too.
            var offset = start + 10
            while offset + 4 <= end {
                let flags = Self.u16(bytes, offset)
                let component = Self.u16(bytes, offset + 2)
                if kept.insert(component).inserted { pending.append(component) }
                offset += 4 + (flags & 0x0001 != 0 ? 4 : 2)
                if flags & 0x0008 != 0 {
                    offset += 2
                } else if flags & 0x0040 != 0 {
                    offset += 4
                } else if flags & 0x0080 != 0 {
                    offset += 8
                }
                if flags & 0x0020 == 0 { break }
            }
        }
        var newGlyf: [UInt8] = []
        var newLoca: [UInt8] = []
        for glyph in 0..<glyphCount {
            Self.append32(&newLoca, newGlyf.count)
            if kept.contains(glyph) {
                newGlyf += bytes[(glyf.lowerBound + location(glyph))..<(glyf.lowerBound + location(glyph + 1))]
                while newGlyf.count % 4 != 0 { newGlyf.append(0) }
            }
        }
        Self.append32(&newLoca, newGlyf.count)
        var head = Array(bytes[tables["head"]!])
        head[8..<12] = [0, 0, 0, 0]  // checkSumAdjustment, not kept up to date
        head[50] = 0
        head[51] = 1  // long offsets
        // A Unicode map of the kept characters only, and no glyph names (post format 3).
        let characters = unicodeToGlyph.filter { glyphs.contains($0.value) && $0.key <= 0xFFFF }
        var post = Array(bytes[tables["post"] ?? 0..<0].prefix(32))
        post += [UInt8](repeating: 0, count: 32 - post.count)
        post[0..<4] = [0, 3, 0, 0]
        var out: [String: [UInt8]] = [
            "glyf": newGlyf, "loca": newLoca, "head": head, "post": post, "cmap": Self.cmap(characters),
        ]
        for tag in ["hhea", "hmtx", "maxp", "name", "OS/2", "cvt ", "fpgm", "prep", "gasp"] {
            if let range = tables[tag] { out[tag] = Array(bytes[range]) }
        }
        return Self.assemble(out)
    }

    /// A `cmap` with one Unicode (3,1) format 4 subtable: a segment per character.
    static func cmap(_ characters: [UInt32: Int]) -> [UInt8] {
        let codes = characters.keys.sorted()
        let segments = codes.count + 1
        var power = 1
        var exponent = 0
        while power * 2 <= segments {
            power *= 2
            exponent += 1
        }
        var table: [UInt8] = []
        append16(&table, 4)
        append16(&table, 16 + segments * 8)
        append16(&table, 0)
        append16(&table, segments * 2)
        append16(&table, power * 2)
        append16(&table, exponent)
        append16(&table, segments * 2 - power * 2)
        for code in codes { append16(&table, Int(code)) }
        append16(&table, 0xFFFF)
        append16(&table, 0)  // reserved pad
        for code in codes { append16(&table, Int(code)) }
        append16(&table, 0xFFFF)
        for code in codes { append16(&table, (characters[code]! - Int(code)) & 0xFFFF) }
        append16(&table, 1)
        for _ in 0..<segments { append16(&table, 0) }
        var cmap: [UInt8] = [0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12]
        cmap += table
        return cmap
    }

    static func assemble(_ tables: [String: [UInt8]]) -> [UInt8] {
        let tags = tables.keys.sorted()
        var file: [UInt8] = [0, 1, 0, 0]
        append16(&file, tags.count)
        var power = 1
        var exponent = 0
        while power * 2 <= tags.count {
            power *= 2
            exponent += 1
        }
        append16(&file, power * 16)
        append16(&file, exponent)
        append16(&file, tags.count * 16 - power * 16)
        var offset = 12 + tags.count * 16
        var body: [UInt8] = []
        for tag in tags {
            let data = tables[tag]!
            file += Array(tag.utf8)
            append32(&file, checksum(data))
            append32(&file, offset)
            append32(&file, data.count)
            body += data
            while body.count % 4 != 0 { body.append(0) }
            offset = 12 + tags.count * 16 + body.count
        }
        return file + body
    }

    static func checksum(_ data: [UInt8]) -> Int {
        var sum: UInt32 = 0
        var index = 0
        while index < data.count {
            var word: UInt32 = 0
            for byte in 0..<4 { word = word << 8 | UInt32(index + byte < data.count ? data[index + byte] : 0) }
            sum = sum &+ word
            index += 4
        }
        return Int(sum)
    }

    static func unicodeMap(_ bytes: [UInt8], _ cmap: Range<Int>) throws -> [UInt32: Int] {
        let subtables = u16(bytes, cmap.lowerBound + 2)
        var format4: Int?
        for index in 0..<subtables {
            let entry = cmap.lowerBound + 4 + index * 8
            let platform = u16(bytes, entry)
            let encoding = u16(bytes, entry + 2)
            let offset = cmap.lowerBound + u32(bytes, entry + 4)
            if platform == 3 && encoding == 1 && u16(bytes, offset) == 4 { format4 = offset }
        }
        guard let table = format4 else { throw Failure.malformed("no Unicode (3,1) format 4 cmap") }
        let segments = u16(bytes, table + 6) / 2
        let ends = table + 14
        let starts = ends + segments * 2 + 2
        let deltas = starts + segments * 2
        let rangeOffsets = deltas + segments * 2
        var map: [UInt32: Int] = [:]
        for segment in 0..<segments {
            let end = u16(bytes, ends + segment * 2)
            let start = u16(bytes, starts + segment * 2)
            let delta = s16(bytes, deltas + segment * 2)
            let rangeOffset = u16(bytes, rangeOffsets + segment * 2)
            guard start <= end, end != 0xFFFF || start != 0xFFFF else { continue }
            for code in start...end {
                var glyph: Int
                if rangeOffset == 0 {
                    glyph = (code + delta) & 0xFFFF
                } else {
                    let address = rangeOffsets + segment * 2 + rangeOffset + (code - start) * 2
                    guard address + 2 <= bytes.count else { continue }
                    glyph = u16(bytes, address)
                    if glyph != 0 { glyph = (glyph + delta) & 0xFFFF }
                }
                if glyph != 0 { map[UInt32(code)] = glyph }
            }
        }
        return map
    }

    static func postScriptName(_ bytes: [UInt8], _ name: Range<Int>?) -> String? {
        guard let name else { return nil }
        let count = u16(bytes, name.lowerBound + 2)
        let strings = name.lowerBound + u16(bytes, name.lowerBound + 4)
        for index in 0..<count {
            let record = name.lowerBound + 6 + index * 12
            let platform = u16(bytes, record)
            guard u16(bytes, record + 6) == 6 else { continue }
            let length = u16(bytes, record + 8)
            let offset = strings + u16(bytes, record + 10)
            guard offset + length <= bytes.count else { continue }
            let raw = Array(bytes[offset..<offset + length])
            let text: String =
                platform == 3
                ? String(
                    decoding: stride(from: 0, to: raw.count - 1, by: 2).map { UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]) },
                    as: UTF16.self)
                : String(decoding: raw, as: UTF8.self)
            let clean = text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            if !clean.isEmpty { return clean }
        }
        return nil
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> Int {
        guard at + 2 <= bytes.count else { return 0 }
        return Int(bytes[at]) << 8 | Int(bytes[at + 1])
    }

    static func s16(_ bytes: [UInt8], _ at: Int) -> Int { Int(Int16(bitPattern: UInt16(u16(bytes, at)))) }

    static func u32(_ bytes: [UInt8], _ at: Int) -> Int {
        guard at + 4 <= bytes.count else { return 0 }
        return Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }

    static func append16(_ out: inout [UInt8], _ value: Int) {
        out += [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func append32(_ out: inout [UInt8], _ value: Int) {
        out += [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
