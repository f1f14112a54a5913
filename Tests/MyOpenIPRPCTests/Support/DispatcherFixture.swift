import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import SwiftProtobuf

/// An error that is not an RPCError and whose text must never reach a caller.
struct SecretFailure: Error, CustomStringConvertible {
    static let secret = "password=hunter2 at /var/lib/secret.db"
    var description: String { Self.secret }
}

/// A router with a probe service whose behaviour the request chooses, and the contexts its
/// handlers saw.
struct DispatcherFixture {
    static let probe = MethodDescriptor(service: "test.v1.Probe", method: "Check")
    static let health = MethodDescriptor(service: "test.v1.Health", method: "Check")

    /// What the probe throws for the request service "refuse".
    static let refusal = RPCError(
        .failedPrecondition, "la caisse est fermée",
        reason: "REGISTER_CLOSED", field: "service", metadata: ["register": "R1"])

    let router: RPCRouter
    let seen = Recorder<ServerContext>()

    init() {
        var router = RPCRouter()
        let seen = self.seen
        router.registerUnary(Self.probe) { (request: Grpc_Health_V1_HealthCheckRequest, context) in
            seen.record(context)
            switch request.service {
            case "refuse": throw Self.refusal
            case "crash": throw SecretFailure()
            default: return healthResponse(.serving)
            }
        }
        router.registerUnary(Self.health) { (_: Grpc_Health_V1_HealthCheckRequest, context) in
            seen.record(context)
            return healthResponse(.notServing)
        }
        self.router = router
    }

    func dispatcher(
        interceptors: [any ServerInterceptor] = [],
        servingState: ServingState = ServingState(),
        servedWhileDraining: Set<String> = []
    ) -> CallDispatcher {
        CallDispatcher(
            router: router, interceptors: interceptors, servingState: servingState,
            servedWhileDraining: servedWhileDraining, logger: makeTestLogger())
    }
}

/// A ttrpc request envelope for `method` carrying `message`.
func envelope(
    _ method: MethodDescriptor, _ message: some SwiftProtobuf.Message, metadata: Metadata = Metadata()
) throws -> Ttrpc_Request {
    var request = Ttrpc_Request()
    request.service = method.service
    request.method = method.method
    request.payload = try message.encoded()
    request.metadata = metadata.keyValues
    return request
}

extension Ttrpc_Response {
    /// The error this response carries, read back as a client would.
    var error: RPCError { RPCError(status: status) }

    /// The single ErrorInfo detail of the status, if any.
    func errorInfo() throws -> Google_Rpc_ErrorInfo? {
        guard let detail = status.details.first else { return nil }
        return try Google_Rpc_ErrorInfo(unpackingAny: detail)
    }
}
