import MyOpenIPProto
import MyOpenIPRPC
import SwiftProtobuf
import Testing

@Suite("RPCError and google.rpc.Status")
struct RPCErrorStatusTests {
    @Test("a full error survives RPCError → Status → wire → RPCError")
    func fullRoundTrip() throws {
        let error = RPCError(
            .failedPrecondition, "la caisse est fermée",
            reason: "REGISTER_CLOSED", field: "register_id", metadata: ["register": "R1", "shift": "3"])

        let bytes: [UInt8] = try error.status.serializedBytes()
        let decoded = RPCError(status: try Google_Rpc_Status(serializedBytes: bytes))

        #expect(decoded == error)
        #expect(decoded.code == .failedPrecondition)
        #expect(decoded.message == "la caisse est fermée")
        #expect(decoded.reason == "REGISTER_CLOSED")
        #expect(decoded.field == "register_id")
        #expect(decoded.metadata == ["register": "R1", "shift": "3"])
    }

    @Test("the status carries one ErrorInfo detail in the myopenip domain")
    func errorInfoDetail() throws {
        let error = RPCError(.invalidArgument, "bad", reason: "BAD_VALUE", field: "amount", metadata: ["max": "10"])
        let status = error.status

        #expect(status.code == 3)
        #expect(status.message == "bad")
        #expect(status.details.count == 1)
        let detail = try #require(status.details.first)
        #expect(detail.isA(Google_Rpc_ErrorInfo.self))
        let info = try Google_Rpc_ErrorInfo(unpackingAny: detail)
        #expect(info.domain == "myopenip")
        #expect(info.domain == RPCError.errorDomain)
        #expect(info.reason == "BAD_VALUE")
        #expect(info.metadata == ["max": "10", "field": "amount"])
    }

    @Test("an error without reason, field or metadata has no detail")
    func noDetail() {
        let status = RPCError(.notFound, "nothing here").status
        #expect(status.code == 5)
        #expect(status.message == "nothing here")
        #expect(status.details.isEmpty)

        let decoded = RPCError(status: status)
        #expect(decoded == RPCError(.notFound, "nothing here"))
        #expect(decoded.reason == nil)
        #expect(decoded.field == nil)
        #expect(decoded.metadata.isEmpty)
    }

    @Test("a field alone is carried as ErrorInfo metadata and read back as the field")
    func fieldOnly() {
        let error = RPCError(.invalidArgument, "missing", field: "name")
        let decoded = RPCError(status: error.status)
        #expect(decoded.field == "name")
        #expect(decoded.reason == nil)
        #expect(decoded.metadata.isEmpty)
    }

    @Test("a status code unknown to this build is kept")
    func unknownCode() {
        var status = Google_Rpc_Status()
        status.code = 42
        status.message = "from the future"
        let error = RPCError(status: status)
        #expect(error.code.rawValue == 42)
        #expect(error.message == "from the future")
    }

    @Test("details that are not ErrorInfo are ignored")
    func foreignDetail() throws {
        var status = RPCError(.aborted, "retry", reason: "CONFLICT").status
        var other = Google_Rpc_Status()
        other.message = "not an ErrorInfo"
        status.details.insert(try Google_Protobuf_Any(message: other), at: 0)

        let decoded = RPCError(status: status)
        #expect(decoded.reason == "CONFLICT")
        #expect(decoded.code == .aborted)
    }

    @Test("the well-known errors")
    func wellKnownErrors() {
        let unimplemented = RPCError.unimplemented(service: "a.B", method: "C")
        #expect(unimplemented.code == .unimplemented)
        #expect(unimplemented.reason == "UNKNOWN_METHOD")
        #expect(unimplemented.message.contains("a.B/C"))

        #expect(RPCError.deadlineExceeded.code == .deadlineExceeded)
        #expect(RPCError.deadlineExceeded.reason == "DEADLINE_EXCEEDED")
        #expect(RPCError.internalError.code == .internal)
        #expect(RPCError.internalError.message == "internal error")
    }

    @Test("description shows code, message, reason and field")
    func description() {
        let error = RPCError(.invalidArgument, "bad", reason: "BAD", field: "x")
        #expect(error.description == "INVALID_ARGUMENT: bad [BAD] (field: x)")
        #expect(RPCError(.ok, "fine").description == "OK: fine")
    }
}
