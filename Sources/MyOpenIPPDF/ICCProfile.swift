/// A small ICC (version 2.1) profile of sRGB — D50-adapted primaries, D50 white point and a 2.2
/// gamma curve — for the output intent PDF/A asks of a file that paints in DeviceRGB.
enum ICCProfile {
    static let sRGB: [UInt8] = {
        func s15(_ value: Double) -> [UInt8] {
            let fixed = Int32((value * 65_536).rounded())
            let bits = UInt32(bitPattern: fixed)
            return [UInt8(bits >> 24), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits & 0xFF)]
        }
        func u32(_ value: Int) -> [UInt8] {
            [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        func xyz(_ x: Double, _ y: Double, _ z: Double) -> [UInt8] {
            Array("XYZ ".utf8) + [0, 0, 0, 0] + s15(x) + s15(y) + s15(z)
        }
        let description = Array("sRGB IEC61966-2.1".utf8) + [0]
        let desc =
            Array("desc".utf8) + [0, 0, 0, 0] + u32(description.count) + description
            + [UInt8](repeating: 0, count: 4 + 4 + 2 + 1 + 67)
        let cprt = Array("text".utf8) + [0, 0, 0, 0] + Array("No copyright, use freely".utf8) + [0]
        let curve = Array("curv".utf8) + [0, 0, 0, 0] + u32(1) + [0x02, 0x33, 0, 0]  // gamma 2.2 (u8Fixed8), padded
        let tags: [(String, [UInt8])] = [
            ("desc", desc), ("cprt", cprt), ("wtpt", xyz(0.9642, 1.0, 0.8249)),
            ("rXYZ", xyz(0.4361, 0.2225, 0.0139)), ("gXYZ", xyz(0.3851, 0.7169, 0.0971)),
            ("bXYZ", xyz(0.1431, 0.0606, 0.7141)), ("rTRC", curve), ("gTRC", curve), ("bTRC", curve),
        ]
        var table: [UInt8] = u32(tags.count)
        var data: [UInt8] = []
        let dataStart = 128 + 4 + tags.count * 12
        for (signature, bytes) in tags {
            while data.count % 4 != 0 { data.append(0) }
            table += Array(signature.utf8) + u32(dataStart + data.count) + u32(bytes.count)
            data += bytes
        }
        while data.count % 4 != 0 { data.append(0) }
        let size = dataStart + data.count
        var header: [UInt8] = u32(size) + [0, 0, 0, 0] + [0x02, 0x10, 0, 0]
        header += Array("mntr".utf8) + Array("RGB ".utf8) + Array("XYZ ".utf8)
        header += [0x07, 0xD0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]  // 2000-01-01 00:00:00
        header += Array("acsp".utf8) + [UInt8](repeating: 0, count: 4 + 4 + 4 + 4 + 8 + 4)
        header += s15(0.9642) + s15(1.0) + s15(0.8249)
        header += [UInt8](repeating: 0, count: 128 - header.count)
        return header + table + data
    }()
}
