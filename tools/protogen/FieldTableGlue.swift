/// The table the daemon checks request fields with: every message's field names, and the text
/// fields that may hold several lines (`(myopenip.v1.multiline)`).
struct FieldTableGlue {
    let fieldNames: [String: [Int: String]]
    let multilineFields: Set<String>

    let fileName = "RequestFieldCheck+Contract.swift"

    func render() -> String {
        let out = CodeWriter()
        out.header(source: "proto/")
        out.line("import MyOpenIPRPC")
        out.line()
        out.block("extension RequestFieldCheck") {
            out.line("/// The contract's messages: field names by number, and the fields that may hold line breaks.")
            out.line("public static let contract = RequestFieldCheck(")
            out.indented {
                out.line("names: [")
                out.indented {
                    for message in fieldNames.keys.sorted() {
                        let fields = fieldNames[message]!.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }
                        entry("\"\(message)\"", fields, out: out)
                    }
                }
                out.line("],")
                out.line("multiline: [")
                out.indented {
                    for field in multilineFields.sorted() { out.line("\"\(field)\",") }
                }
                out.line("])")
            }
        }
        return out.text
    }

    /// `key: [a, b],` on one line when it fits within the 130 columns of `.swift-format` (at the
    /// table's depth of 12 spaces; swift-format breaks a collection that would reach column 130),
    /// else as swift-format lays it out: the items packed on lines one level in.
    private func entry(_ key: String, _ items: [String], out: CodeWriter) {
        let width = 130
        let single = "\(key): [\(items.joined(separator: ", "))],"
        guard 12 + single.count >= width else { return out.line(single) }
        out.line("\(key): [")
        out.indented {
            var line = ""
            for item in items {
                let candidate = line.isEmpty ? item + "," : line + " " + item + ","
                if 16 + candidate.count >= width, !line.isEmpty {
                    out.line(line)
                    line = item + ","
                } else {
                    line = candidate
                }
            }
            if !line.isEmpty { out.line(line) }
        }
        out.line("],")
    }
}
