/// A PDF file written object by object (PDF 1.7, ISO 32000-1), with its cross-reference table.
/// Objects are numbered when reserved, so that they may refer to each other in any order.
struct PDFWriter {
    /// A reference to an indirect object, `N 0 R`.
    struct Reference: Hashable {
        let number: Int
        var text: String { "\(number) 0 R" }
    }

    private var objects: [Int: [UInt8]] = [:]
    private var count = 0

    mutating func reserve() -> Reference {
        count += 1
        return Reference(number: count)
    }

    /// Writes a dictionary or any other direct value as object `reference`.
    mutating func set(_ reference: Reference, _ value: String) {
        objects[reference.number] = Array(value.utf8)
    }

    /// Writes a stream: its dictionary (without `/Length`, added here) and its data, deflated
    /// unless `compress` is false.
    mutating func setStream(_ reference: Reference, dictionary: String, data: [UInt8], compress: Bool = true) {
        setStream(reference, dictionary: dictionary, encoded: compress ? Deflate.compress(data) : data, deflated: compress)
    }

    /// Writes a stream whose data is already encoded (`deflated` when it went through
    /// ``Deflate``).
    mutating func setStream(_ reference: Reference, dictionary: String, encoded body: [UInt8], deflated: Bool) {
        let filter = deflated ? " /Filter /FlateDecode" : ""
        var bytes = Array("<< \(dictionary)\(filter) /Length \(body.count) >>\nstream\n".utf8)
        bytes += body
        bytes += Array("\nendstream".utf8)
        objects[reference.number] = bytes
    }

    mutating func add(_ value: String) -> Reference {
        let reference = reserve()
        set(reference, value)
        return reference
    }

    mutating func addStream(dictionary: String, data: [UInt8], compress: Bool = true) -> Reference {
        let reference = reserve()
        setStream(reference, dictionary: dictionary, data: data, compress: compress)
        return reference
    }

    mutating func addStream(dictionary: String, encoded: [UInt8], deflated: Bool) -> Reference {
        let reference = reserve()
        setStream(reference, dictionary: dictionary, encoded: encoded, deflated: deflated)
        return reference
    }

    /// The whole file: header (with the binary comment PDF/A asks for), objects, cross-reference
    /// table and trailer.
    func file(root: Reference, id: String) -> [UInt8] {
        var out: [UInt8] = Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3] + Array("\n".utf8)
        var offsets: [Int] = []
        for number in 1...count {
            offsets.append(out.count)
            out += Array("\(number) 0 obj\n".utf8)
            out += objects[number] ?? Array("null".utf8)
            out += Array("\nendobj\n".utf8)
        }
        let xref = out.count
        out += Array("xref\n0 \(count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets {
            let digits = String(offset)
            out += Array((String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n").utf8)
        }
        out += Array(
            "trailer\n<< /Size \(count + 1) /Root \(root.text) /ID [<\(id)> <\(id)>] >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }

    /// A PDF text string: UTF-16BE with its byte order mark, in hexadecimal.
    static func textString(_ text: String) -> String {
        var hex = "<FEFF"
        for unit in text.utf16 { hex += hex4(unit) }
        return hex + ">"
    }

    static func hex4(_ value: UInt16) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([
            digits[Int(value >> 12)], digits[Int(value >> 8 & 0xF)], digits[Int(value >> 4 & 0xF)],
            digits[Int(value & 0xF)],
        ])
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return text
    }
}
