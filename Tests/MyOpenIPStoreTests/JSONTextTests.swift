import Foundation
import Testing

@testable import MyOpenIPStore

@Suite("Audit details as JSON text")
struct JSONTextTests {
    @Test("any text survives the round trip, and the encoding is valid JSON with sorted keys")
    func roundTrip() throws {
        let map = [
            "after.name": "Agence \"Nord\" \\ Clichy", "before.name": "Siège Social", "control": "a\u{0}b\u{1F}c\u{7F}",
            "lines": "un\ndeux\r\ttrois", "emoji": "👍🏽 é", "slash": "a/b", "": "",
        ]
        let text = JSONText.encode(map)
        #expect(JSONText.decode(text) == map)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(parsed == map)
        #expect(text.hasPrefix(#"{"":"","after.name":"Agence \"Nord\" \\ Clichy","before.name""#))
        #expect(JSONText.encode([:]) == "{}")
    }
}
