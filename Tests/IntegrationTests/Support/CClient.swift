import CMyOpenIPClient
import CMyOpenIPProto
import Foundation

/// The C client library (CMyOpenIPClient) as the tests drive it: each call goes through the C
/// functions a C microservice would use, with messages packed and unpacked by protobuf-c. The
/// calls block, so each runs on a thread of its own, never on the pool the in-process daemon needs.
final class CClient: @unchecked Sendable {
    /// What `myopenip_call` returned and, when the daemon answered, its reply.
    struct Outcome {
        var result: Int32
        var code: Int32
        var message: String
        var reason: String
        var field: String
        var payload: [UInt8]
        /// How long the C call took, measured on its own thread (not the test's wait to resume).
        var elapsed: Duration = .zero
    }

    private let connection: OpaquePointer

    /// Connects to `target` (a socket path or host:port); the library's result on failure.
    init(target: String) throws {
        var connection: OpaquePointer?
        let result = myopenip_connect(target, &connection)
        guard result == MYOPENIP_OK.rawValue, let connection else { throw CClientError(result: result) }
        self.connection = connection
    }

    deinit { myopenip_close(connection) }

    func setMaximumMessageSize(_ size: Int) { myopenip_set_max_message_size(connection, size) }

    /// Calls with a protobuf-c message (anything whose layout starts with `ProtobufCMessage`).
    private func call<Request>(
        _ service: String, _ method: String, _ request: inout Request, token: String? = nil, timeoutMS: Int64 = 30_000
    ) -> Outcome {
        withUnsafeMutablePointer(to: &request) { pointer in
            pointer.withMemoryRebound(to: ProtobufCMessage.self, capacity: 1) { message in
                invoke(token: token, timeoutMS: timeoutMS) { options, reply in
                    myopenip_call(connection, service, method, message, options, reply)
                }
            }
        }
    }

    /// Calls with a payload already serialized.
    func call(_ service: String, _ method: String, bytes: [UInt8], token: String? = nil, timeoutMS: Int64 = 30_000) async
        -> Outcome
    {
        await onOwnThread { [self] in
            bytes.withUnsafeBufferPointer { buffer in
                invoke(token: token, timeoutMS: timeoutMS) { options, reply in
                    myopenip_call_bytes(connection, service, method, buffer.baseAddress, buffer.count, options, reply)
                }
            }
        }
    }

    private func invoke(
        token: String?, timeoutMS: Int64,
        _ body: (UnsafePointer<myopenip_call_options>, UnsafeMutablePointer<myopenip_reply>) -> Int32
    ) -> Outcome {
        let tokenCopy = token.map { strdup($0) } ?? nil
        defer { free(tokenCopy) }
        var options = myopenip_call_options(
            timeout_ms: timeoutMS, bearer_token: UnsafePointer(tokenCopy), metadata: nil, metadata_count: 0)
        var reply = myopenip_reply()
        let started = ContinuousClock.now
        let result = body(&options, &reply)
        let elapsed = started.duration(to: .now)
        defer { myopenip_reply_free(&reply) }
        return Outcome(
            result: result, code: reply.code, message: String(cString: reply.message), reason: String(cString: reply.reason),
            field: String(cString: reply.field),
            payload: reply.payload_length > 0
                ? Array(UnsafeBufferPointer(start: reply.payload, count: reply.payload_length)) : [],
            elapsed: elapsed)
    }

    /// Health/Check with a protobuf-c request; the serving status protobuf-c unpacked.
    func health() async -> (Outcome, Int32?) {
        await onOwnThread { [self] in
            var request = Grpc__Health__V1__HealthCheckRequest()
            grpc__health__v1__health_check_request__init(&request)
            let outcome = call("grpc.health.v1.Health", "Check", &request)
            var prototype = Grpc__Health__V1__HealthCheckResponse()
            grpc__health__v1__health_check_response__init(&prototype)
            let status = unpack(outcome, prototype.base.descriptor, as: Grpc__Health__V1__HealthCheckResponse.self) {
                $0.status.rawValue
            }
            return (outcome, status.map { Int32($0) })
        }
    }

    /// IdentityService/Login; the session token when the daemon accepted it.
    func login(_ identifier: String, password: String) async -> (Outcome, String?) {
        await onOwnThread { [self] in
            var request = Myopenip__V1__LoginRequest()
            myopenip__v1__login_request__init(&request)
            let identifierCopy = strdup(identifier)
            let passwordCopy = strdup(password)
            defer {
                free(identifierCopy)
                free(passwordCopy)
            }
            request.identifier = identifierCopy
            request.password = passwordCopy
            let outcome = call("myopenip.v1.IdentityService", "Login", &request)
            var prototype = Myopenip__V1__LoginResponse()
            myopenip__v1__login_response__init(&prototype)
            let token = unpack(outcome, prototype.base.descriptor, as: Myopenip__V1__LoginResponse.self) {
                String(cString: $0.session_token)
            }
            return (outcome, token)
        }
    }

    /// IdentityService/WhoAmI with a session token; the account's login and its rights.
    func whoAmI(token: String) async -> (Outcome, (login: String, rights: [String])?) {
        await onOwnThread { [self] in
            var request = Myopenip__V1__WhoAmIRequest()
            myopenip__v1__who_am_irequest__init(&request)
            let outcome = call("myopenip.v1.IdentityService", "WhoAmI", &request, token: token)
            var prototype = Myopenip__V1__WhoAmIResponse()
            myopenip__v1__who_am_iresponse__init(&prototype)
            let answer = unpack(outcome, prototype.base.descriptor, as: Myopenip__V1__WhoAmIResponse.self) { answer in
                let login = answer.account.map { String(cString: $0.pointee.login) } ?? ""
                let rights = (0..<answer.n_rights).map { String(cString: answer.rights[$0]!) }
                return (login: login, rights: rights)
            }
            return (outcome, answer)
        }
    }

    /// CompanyService/GetCompany through its generated typed wrapper, which names the method and
    /// unpacks the answer; the company's name when the daemon found it.
    func company(_ reference: String, token: String? = nil) async -> (Outcome, String?) {
        await onOwnThread { [self] in
            var request = Myopenip__V1__GetCompanyRequest()
            myopenip__v1__get_company_request__init(&request)
            let referenceCopy = strdup(reference)
            defer { free(referenceCopy) }
            request.reference = referenceCopy
            var company: UnsafeMutablePointer<Myopenip__V1__Company>?
            let outcome = invoke(token: token, timeoutMS: 30_000) { options, reply in
                myopenip_company_service_get_company(connection, &request, options, reply, &company)
            }
            defer { if let company { myopenip__v1__company__free_unpacked(company, nil) } }
            return (outcome, company.map { String(cString: $0.pointee.name) })
        }
    }

    /// The reply's payload unpacked by protobuf-c as `type` (whose descriptor, from an initialised
    /// message, is the generated code's own), read by `read`, then freed.
    private func unpack<Message, Value>(
        _ outcome: Outcome, _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>, as type: Message.Type,
        _ read: (Message) -> Value
    ) -> Value? {
        guard outcome.result == MYOPENIP_OK.rawValue, outcome.code == 0 else { return nil }
        return outcome.payload.withUnsafeBufferPointer { buffer -> Value? in
            guard let message = protobuf_c_message_unpack(descriptor, nil, buffer.count, buffer.baseAddress) else { return nil }
            defer { protobuf_c_message_free_unpacked(message, nil) }
            return UnsafeRawPointer(message).withMemoryRebound(to: Message.self, capacity: 1) { read($0.pointee) }
        }
    }
}

/// A connection the C library could not open.
struct CClientError: Error, CustomStringConvertible {
    var result: Int32
    var description: String { String(cString: myopenip_strerror(result)) + " (errno \(errno))" }
}

/// The library's results, as Swift sees the C enum.
extension Int32 {
    static let cOK = MYOPENIP_OK.rawValue
    static let cConnectionLost = MYOPENIP_ERR_CONNECTION_LOST.rawValue
    static let cTimeout = MYOPENIP_ERR_TIMEOUT.rawValue
    static let cRequestTooLarge = MYOPENIP_ERR_REQUEST_TOO_LARGE.rawValue
    static let cResponseTooLarge = MYOPENIP_ERR_RESPONSE_TOO_LARGE.rawValue
    static let cMalformed = MYOPENIP_ERR_MALFORMED.rawValue
    static let cClosed = MYOPENIP_ERR_CLOSED.rawValue
}

extension TestDaemon {
    /// Where the C library connects for `transport`: the socket path, or host:port.
    func cTarget(_ transport: TestTransport) -> String {
        transport == .unix ? socketPath : "127.0.0.1:\(tcpPort)"
    }
}
