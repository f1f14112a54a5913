import Foundation
import MyOpenIPClient
import MyOpenIPDomain
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

    /// Prints a list the way every list prints in JSON, paged or not: an object with the items
    /// under `key` and `next_page_token` (empty on the last page), both always present.
    static func printList(_ key: String, _ items: [some SwiftProtobuf.Message], nextPageToken: String = "") {
        printJSON([key: items.map(jsonObject), "next_page_token": nextPageToken])
    }

    /// A message as a JSON object (for lists and composite outputs).
    static func jsonObject(_ message: some SwiftProtobuf.Message) -> Any {
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

    /// Prints an error on standard error: `error: FIELD: message (CODE, REASON)`, then one line per
    /// further rule broken (a password's), or a JSON object.
    static func printError(_ error: RPCError, json: Bool) {
        let rules = brokenRules(error)
        let text: String
        if json {
            var object: [String: Any] = ["code": "\(error.code)", "message": error.message]
            if let reason = error.reason { object["reason"] = reason }
            if let field = error.field { object["field"] = field }
            if !rules.isEmpty { object["broken_rules"] = rules.map { ["reason": $0.rawValue, "message": $0.message] } }
            let data = (try? JSONSerialization.data(withJSONObject: ["error": object], options: [.sortedKeys])) ?? Data()
            text = String(decoding: data, as: UTF8.self)
        } else {
            var detail = "\(error.code)"
            if let reason = error.reason, reason != detail { detail += ", \(reason)" }
            let field = error.field.map { "\($0): " } ?? ""
            var lines = ["error: \(field)\(error.message) (\(detail))"]
            // The first rule is the message; the others follow, so that one try fixes them all.
            lines += rules.dropFirst().map { "       \($0.message)" }
            text = lines.joined(separator: "\n")
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// The password rules an error lists in its `broken_rules` metadata, in order.
    private static func brokenRules(_ error: RPCError) -> [PasswordPolicy.Rule] {
        guard let list = error.metadata["broken_rules"] else { return [] }
        return list.split(separator: ",").compactMap { PasswordPolicy.Rule(rawValue: String($0)) }
    }
}
