import Foundation
import MyOpenIPClient
import SwiftProtobuf

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
        for row in rows { print(line(row)) }
    }

    /// Under a full page: how to ask for the next one.
    static func printNextPage(_ token: String) {
        if !token.isEmpty { print("next page: --page-token \(token)") }
    }

    /// Prints a JSON value (dictionaries, arrays, strings, numbers, booleans), keys sorted;
    /// `pretty: false` prints it on one line (a stream of events, one a line).
    static func printJSON(_ value: Any, pretty: Bool = true) {
        let options: JSONSerialization.WritingOptions =
            pretty
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: options),
            let text = String(data: data, encoding: .utf8)
        else { return }
        print(text)
    }

    /// Prints a message in the protobuf JSON mapping with the proto's own field names (as in
    /// every language's protobuf library: fields at their default value are left out).
    static func printMessage(_ message: some SwiftProtobuf.Message) {
        printJSON(jsonObject(message))
    }

    /// Prints messages as one JSON array.
    static func printMessages(_ messages: [some SwiftProtobuf.Message]) {
        printJSON(messages.map(jsonObject))
    }

    private static func jsonObject(_ message: some SwiftProtobuf.Message) -> Any {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        guard let text = try? message.jsonString(options: options),
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        else { return [String: Any]() }
        return object
    }

    /// Prints `label: value` lines, labels aligned.
    static func printFields(_ fields: [(String, String)]) {
        let width = fields.map(\.0.count).max() ?? 0
        for (label, value) in fields {
            print((label + ":").padding(toLength: width + 1, withPad: " ", startingAt: 0) + " " + value)
        }
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
