import MyOpenIPRPC
import Testing

@Suite("StatusCode")
struct StatusCodeTests {
    static let canonical: [(StatusCode, Int32, String)] = [
        (.ok, 0, "OK"),
        (.cancelled, 1, "CANCELLED"),
        (.unknown, 2, "UNKNOWN"),
        (.invalidArgument, 3, "INVALID_ARGUMENT"),
        (.deadlineExceeded, 4, "DEADLINE_EXCEEDED"),
        (.notFound, 5, "NOT_FOUND"),
        (.alreadyExists, 6, "ALREADY_EXISTS"),
        (.permissionDenied, 7, "PERMISSION_DENIED"),
        (.resourceExhausted, 8, "RESOURCE_EXHAUSTED"),
        (.failedPrecondition, 9, "FAILED_PRECONDITION"),
        (.aborted, 10, "ABORTED"),
        (.outOfRange, 11, "OUT_OF_RANGE"),
        (.unimplemented, 12, "UNIMPLEMENTED"),
        (.internal, 13, "INTERNAL"),
        (.unavailable, 14, "UNAVAILABLE"),
        (.dataLoss, 15, "DATA_LOSS"),
        (.unauthenticated, 16, "UNAUTHENTICATED"),
    ]

    @Test("every canonical code has its gRPC value and name", arguments: canonical)
    func canonicalCodes(code: StatusCode, value: Int32, name: String) {
        #expect(code.rawValue == value)
        #expect(code.description == name)
        #expect(StatusCode(name: name) == code)
    }

    @Test("init(name:) ignores case")
    func nameIsCaseInsensitive() {
        #expect(StatusCode(name: "not_found") == .notFound)
        #expect(StatusCode(name: "Deadline_Exceeded") == .deadlineExceeded)
    }

    @Test("init(name:) rejects unknown names", arguments: ["", "NOTFOUND", "CODE_17", "OK "])
    func unknownName(name: String) {
        #expect(StatusCode(name: name) == nil)
    }

    @Test("an unknown code keeps its value and is named CODE_n", arguments: [Int32(17), 99, -1])
    func unknownCode(value: Int32) {
        let code = StatusCode(rawValue: value)
        #expect(code.rawValue == value)
        #expect(code.description == "CODE_\(value)")
    }
}
