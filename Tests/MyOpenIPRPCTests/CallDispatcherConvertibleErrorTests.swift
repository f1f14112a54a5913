import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import Testing

/// A lower layer's error that knows its status.
private struct RuleBroken: RPCErrorConvertible {
    var rpcError: RPCError { RPCError(.invalidArgument, "Le nom est obligatoire", reason: "NAME_REQUIRED", field: "name") }
}

/// Records the errors that come out of the rest of the chain, as the logging interceptor sees them.
private struct ErrorWitness: ServerInterceptor {
    let seen: Recorder<String>

    func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        do {
            return try await next(request, context)
        } catch let error as RPCError {
            seen.record("RPCError \(error.code)")
            throw error
        } catch {
            seen.record("other")
            throw error
        }
    }
}

@Suite("CallDispatcher and RPCErrorConvertible")
struct CallDispatcherConvertibleErrorTests {
    static let method = MethodDescriptor(service: "test.v1.Rules", method: "Check")

    @Test("a convertible error thrown by a handler reaches the caller, and the interceptors, as its RPCError")
    func converted() async throws {
        var router = RPCRouter()
        router.registerUnary(Self.method) { (_: Grpc_Health_V1_HealthCheckRequest, _) -> Grpc_Health_V1_HealthCheckResponse in
            throw RuleBroken()
        }
        let seen = Recorder<String>()
        let dispatcher = CallDispatcher(router: router, interceptors: [ErrorWitness(seen: seen)], logger: makeTestLogger())
        let request = try envelope(Self.method, Grpc_Health_V1_HealthCheckRequest())
        let response = await dispatcher.dispatch(request, peer: .unix(nil), deadline: nil)
        let error = RPCError(status: response.status)
        #expect(error.code == .invalidArgument)
        #expect(error.message == "Le nom est obligatoire")
        #expect(error.reason == "NAME_REQUIRED")
        #expect(error.field == "name")
        #expect(seen.values == ["RPCError INVALID_ARGUMENT"])
    }
}
