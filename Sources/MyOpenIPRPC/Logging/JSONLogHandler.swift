import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes one JSON object a line: `time` (RFC 3339, UTC, to the
/// millisecond), `level`, `label`, `message`, then the metadata's keys (the logger's, then the
/// line's), each a string, or an array or object of them. Every string is escaped as JSON
/// requires, so no value can break a line or forge a field. Lines are written whole, one
/// `write` each, so concurrent loggers never interleave.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let descriptor: Int32

    /// The fields every line starts with; metadata with these names is written under `meta.`.
    static let reserved: Set<String> = ["time", "level", "label", "message"]
    private static let lock = Mutex(())

    public init(label: String, descriptor: Int32 = STDERR_FILENO, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.descriptor = descriptor
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let explicit { all.merge(explicit) { $1 } }
        let text = Self.line(time: Date(), level: level, label: label, message: message.description, metadata: all)
        let bytes = Array(text.utf8)
        Self.lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// One line, newline included.
    public static func line(
        time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        var text = "{\"time\":"
        quote(timestamp(time), into: &text)
        text += ",\"level\":"
        quote(level.rawValue, into: &text)
        text += ",\"label\":"
        quote(label, into: &text)
        text += ",\"message\":"
        quote(message, into: &text)
        for key in metadata.keys.sorted() {
            text += ","
            quote(reserved.contains(key) ? "meta." + key : key, into: &text)
            text += ":"
            value(metadata[key]!, into: &text)
        }
        return text + "}\n"
    }

    static func value(_ value: Logger.Metadata.Value, into text: inout String) {
        switch value {
        case .string(let string): quote(string, into: &text)
        case .stringConvertible(let convertible): quote(convertible.description, into: &text)
        case .array(let values):
            text += "["
            for (index, element) in values.enumerated() {
                if index > 0 { text += "," }
                Self.value(element, into: &text)
            }
            text += "]"
        case .dictionary(let dictionary):
            text += "{"
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                quote(key, into: &text)
                text += ":"
                Self.value(dictionary[key]!, into: &text)
            }
            text += "}"
        }
    }

    static func quote(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{2028}", "\u{2029}": text += "\\u\(String(scalar.value, radix: 16))"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }

    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = milliseconds % 1000
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }
}
