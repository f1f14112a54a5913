import Foundation
import MyOpenIPClient

/// Prints results as aligned tables for people, or as JSON for scripts.
enum Output {
    /// Prints rows under a header, each column as wide as its widest cell.
    static func printTable(header: [String], rows: [[String]]) {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        print(line(header))
        rows.forEach { print(line($0)) }
    }

    /// Prints a JSON value (dictionaries, arrays, strings, numbers, booleans), keys sorted;
    /// `pretty: false` prints it on one line (a stream of events, one a line).
    static func printJSON(_ value: Any, pretty: Bool = true) {
        let options: JSONSerialization.WritingOptions = pretty
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: options),
              let text = String(data: data, encoding: .utf8)
        else { return }
        print(text)
    }

    /// Sends what was printed so far, even when standard output is a pipe (block-buffered).
    static func flush() {
        fflush(nil)  // every output stream
    }

    /// Prints an error on standard error: `error: message (CODE, REASON)`, or a JSON object.
    static func printError(_ error: RPCError, json: Bool) {
        let text: String
        if json {
            var object: [String: Any] = ["code": "\(error.code)", "message": error.message]
            if let reason = error.reason { object["reason"] = reason }
            if let field = error.field { object["field"] = field }
            let data = (try? JSONSerialization.data(withJSONObject: ["error": object], options: [.sortedKeys])) ?? Data()
            text = String(decoding: data, as: UTF8.self)
        } else {
            var detail = "\(error.code)"
            if let reason = error.reason, reason != detail { detail += ", \(reason)" }
            text = "error: \(error.message) (\(detail))"
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
