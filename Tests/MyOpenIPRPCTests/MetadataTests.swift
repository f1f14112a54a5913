import MyOpenIPProto
import MyOpenIPRPC
import Testing

@Suite("Metadata")
struct MetadataTests {
    @Test("keys are lower-cased whichever way they come in")
    func keysLowerCased() {
        var metadata: Metadata = ["X-Request-ID": "r1"]
        metadata.add("Idempotency-Key", "k1")
        var wire = Ttrpc_KeyValue()
        wire.key = "AUTHORIZATION"
        wire.value = "Bearer t"
        let fromWire = Metadata([wire])

        #expect(metadata.map(\.key) == ["x-request-id", "idempotency-key"])
        #expect(fromWire.map(\.key) == ["authorization"])
        #expect(metadata.requestID == "r1")
        #expect(metadata.idempotencyKey == "k1")
    }

    @Test("values keep their case")
    func valuesKeepCase() {
        let metadata: Metadata = ["k": "MiXeD"]
        #expect(metadata["K"] == "MiXeD")
    }

    @Test("the subscript gets the first value of a key, case-insensitively")
    func subscriptGet() {
        var metadata = Metadata()
        metadata.add("a", "1")
        metadata.add("A", "2")
        #expect(metadata["a"] == "1")
        #expect(metadata["A"] == "1")
        #expect(metadata["missing"] == nil)
        #expect(Array(metadata).count == 2)
    }

    @Test("setting through the subscript replaces every value of the key")
    func subscriptSet() {
        var metadata = Metadata()
        metadata.add("a", "1")
        metadata.add("b", "x")
        metadata.add("a", "2")
        metadata["A"] = "3"
        #expect(metadata.map(\.key) == ["b", "a"])
        #expect(metadata["a"] == "3")
    }

    @Test("setting nil removes every value of the key")
    func subscriptRemove() {
        var metadata: Metadata = ["a": "1", "b": "2"]
        metadata.add("a", "again")
        metadata["A"] = nil
        #expect(metadata["a"] == nil)
        #expect(metadata.map(\.key) == ["b"])
        metadata["b"] = nil
        #expect(metadata.isEmpty)
    }

    @Test(
        "bearerToken reads an authorization Bearer value",
        arguments: [
            ("Bearer abc.def", "abc.def"),
            ("bearer abc", "abc"),
            ("BEARER abc", "abc"),
            ("BeArEr abc  ", "abc"),
        ])
    func bearerToken(value: String, token: String) {
        let metadata: Metadata = ["Authorization": value]
        #expect(metadata.bearerToken == token)
    }

    @Test(
        "bearerToken is nil without a Bearer token",
        arguments: [
            "Basic dXNlcjpwYXNz",
            "Bearer",
            "Bearer ",
            "Bearerabc",
            "",
            "token abc",
        ])
    func noBearerToken(value: String) {
        let metadata: Metadata = ["authorization": value]
        #expect(metadata.bearerToken == nil)
    }

    @Test("a blank Bearer token is no token")
    func blankBearerToken() {
        let metadata: Metadata = ["authorization": "Bearer    "]
        #expect(metadata.bearerToken == nil)
    }

    @Test("bearerToken is nil without an authorization entry")
    func noAuthorization() {
        #expect(Metadata().bearerToken == nil)
        #expect((["x-request-id": "r"] as Metadata).bearerToken == nil)
    }

    @Test("merging keeps this side's other keys and lets the right side win")
    func merging() {
        var left = Metadata()
        left.add("a", "left-a")
        left.add("b", "left-b1")
        left.add("b", "left-b2")
        var right = Metadata()
        right.add("B", "right-b")
        right.add("c", "right-c")

        let merged = left.merging(right)

        #expect(merged.map(\.key) == ["a", "b", "c"])
        #expect(merged.map(\.value) == ["left-a", "right-b", "right-c"])
        #expect(left.merging(Metadata()) == left)
        #expect(Metadata().merging(right) == right)
    }

    @Test("keyValues round trips through the ttrpc wire form, in order and with repeats")
    func keyValuesRoundTrip() throws {
        var metadata = Metadata()
        metadata.add("x-request-id", "r1")
        metadata.add("tag", "one")
        metadata.add("tag", "two")

        let wire = metadata.keyValues
        #expect(wire.map(\.key) == ["x-request-id", "tag", "tag"])
        #expect(wire.map(\.value) == ["r1", "one", "two"])

        var request = Ttrpc_Request()
        request.metadata = wire
        let decoded = try Ttrpc_Request(serializedBytes: try request.serializedBytes() as [UInt8])
        #expect(Metadata(decoded.metadata) == metadata)
    }

    @Test("equality follows the pairs in order")
    func equality() {
        let ab: Metadata = ["a": "1", "b": "2"]
        let ba: Metadata = ["b": "2", "a": "1"]
        #expect(ab == (["A": "1", "B": "2"] as Metadata))
        #expect(ab != ba)
        #expect(ab.hashValue == (["a": "1", "b": "2"] as Metadata).hashValue)
    }
}
