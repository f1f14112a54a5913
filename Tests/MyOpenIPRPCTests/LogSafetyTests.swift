import Foundation
import Logging
import MyOpenIPProto
import MyOpenIPRPC
import Synchronization
import Testing

/// A log handler that keeps each line with its metadata.
private final class LineLog: LogHandler, @unchecked Sendable {
    // Mutated only through the lock; LogHandler's protocol requires mutable properties.
    private let lock = Mutex<[(String, Logger.Metadata)]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.withLock { $0.append(("\(event.message)", event.metadata ?? [:])) }
    }

    var lines: [(String, Logger.Metadata)] { lock.withLock { $0 } }
}

@Suite("Log safety")
struct LogSafetyTests {
    @Test("text from the wire is escaped and bounded before it reaches a log line")
    func escaping() {
        #expect(LogText.escaped("abc-123") == "abc-123")
        #expect(LogText.escaped("a\nCRITICAL forged line") == "a\\nCRITICAL forged line")
        #expect(LogText.escaped("\u{1B}[31mred\u{1B}[0m") == "\\u{1b}[31mred\\u{1b}[0m")
        #expect(LogText.escaped("tab\there\r\0") == "tab\\there\\r\\u{0}")
        #expect(LogText.escaped("back\\slash \"quoted\"") == "back\\\\slash \\\"quoted\\\"")
        #expect(LogText.escaped("\u{2028}\u{202E}") == "\\u{2028}\\u{202e}")
        #expect(LogText.escaped(String(repeating: "x", count: 300), limit: 10) == "xxxxxxxxxx…(+290)")
        #expect(LogText.escaped("é€日本", limit: 10) == "é€日本")
    }

    @Test("a flood of peer errors writes a bounded number of lines and says how many it left out")
    func throttling() {
        let log = LineLog()
        let logger = Logger(label: "test") { _ in log }
        let throttle = LogThrottle(perSecond: 5)
        for index in 0..<1000 { throttle.log(logger, level: .info, "malformed frame", metadata: ["n": "\(index)"]) }
        #expect(log.lines.count == 5)
        #expect(throttle.suppressedCount == 995)
    }

    @Test("a caller's x-request-id and an unknown method's name are escaped in the call's context and logs")
    func dispatcherEscapes() async throws {
        let fixture = DispatcherFixture()
        let log = LineLog()
        let dispatcher = CallDispatcher(
            router: fixture.router, interceptors: [], logger: Logger(label: "test") { _ in log })
        var metadata = Metadata()
        metadata[Metadata.Keys.requestID] =
            "id\n2026-12-02T00:00:00Z critical forged \u{1B}[2J" + String(repeating: "z", count: 500)
        _ = await dispatcher.dispatch(
            try envelope(DispatcherFixture.probe, Grpc_Health_V1_HealthCheckRequest(), metadata: metadata), peer: .unix(nil),
            deadline: nil)
        let requestID = try #require(fixture.seen.values.first?.requestID)
        #expect(!requestID.contains("\n"))
        #expect(!requestID.contains("\u{1B}"))
        #expect(requestID.hasPrefix("id\\n2026-12-02T00:00:00Z critical forged \\u{1b}[2J"))
        #expect(requestID.count < CallDispatcher.maximumRequestIDLength + 20)

        let unknown = MethodDescriptor(service: "evil\nservice", method: "m\u{1B}[31m")
        _ = await dispatcher.dispatch(try envelope(unknown, Grpc_Health_V1_HealthCheckRequest()), peer: .unix(nil), deadline: nil)
        let line = try #require(log.lines.first { $0.0 == "unknown method" })
        #expect(line.1["method"].map { "\($0)" } == "evil\\nservice/m\\u{1b}[31m")
    }
}
