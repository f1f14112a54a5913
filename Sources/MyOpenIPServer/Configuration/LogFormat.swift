/// How the daemon writes its log lines on standard error.
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// swift-log's text lines, for people.
    case text
    /// One JSON object a line (`JSONLogHandler`), for log shippers.
    case json
}
