import Foundation
import Logging
import MyOpenIPRPC
import Testing

@Suite("JSON log lines: one object a line, every value escaped, the call's fields kept")
struct JSONLogHandlerTests {
    static func parsed(_ line: String) throws -> [String: Any] {
        #expect(line.hasSuffix("}\n") && line.dropLast().contains("\n") == false)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("time, level, label and message first; metadata as fields, nested values kept")
    func fields() throws {
        let line = JSONLogHandler.line(
            time: Date(timeIntervalSince1970: 1_796_637_600.123), level: .info, label: "myopenipd", message: "call",
            metadata: [
                "request_id": "abc", "status": .stringConvertible(404), "list": ["a", "b"], "nested": ["k": "v"],
            ])
        let object = try Self.parsed(line)
        #expect(object["time"] as? String == "2026-12-07T10:00:00.123Z")
        #expect(object["level"] as? String == "info" && object["label"] as? String == "myopenipd")
        #expect(object["message"] as? String == "call" && object["request_id"] as? String == "abc")
        #expect(object["status"] as? String == "404")
        #expect(object["list"] as? [String] == ["a", "b"])
        #expect((object["nested"] as? [String: String])?["k"] == "v")
    }

    @Test("a hostile value cannot break the line or forge a field")
    func hostile() throws {
        let hostile = "x\"}\n{\"level\":\"critical\u{0}\u{7F}\u{2028}é"
        let line = JSONLogHandler.line(
            time: Date(), level: .debug, label: "l", message: hostile, metadata: ["level": .string(hostile), "k\"": "v"])
        let object = try Self.parsed(line)
        #expect(object["message"] as? String == hostile)
        #expect(object["level"] as? String == "debug")
        #expect(object["meta.level"] as? String == hostile)
        #expect(object["k\""] as? String == "v")
    }
}

@Suite("W3C traceparent")
struct TraceParentTests {
    @Test("the recommendation's example parses and prints back")
    func valid() throws {
        let trace = try #require(TraceParent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        #expect(trace.traceID == "4bf92f3577b34da6a3ce929d0e0e4736" && trace.parentID == "00f067aa0ba902b7")
        #expect(trace.isSampled && trace.description == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        // A later version may add fields after the four known ones.
        #expect(TraceParent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-extra")?.isSampled == false)
    }

    @Test(
        "a malformed one is ignored",
        arguments: [
            "", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",
            "0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ])
    func invalid(_ text: String) {
        #expect(TraceParent(text) == nil)
    }
}
