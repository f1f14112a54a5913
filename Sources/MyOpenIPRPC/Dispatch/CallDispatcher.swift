import Foundation
import Logging
import MyOpenIPProto
import NIOCore
import NIOFoundationCompat
import ServiceContextModule
import SwiftProtobuf
import Tracing

/// Turns one request envelope into one response envelope: decodes it, finds the route, runs the
/// interceptor chain and the handler, and maps every outcome to a status. It never throws.
public struct CallDispatcher: Sendable {
    public let router: RPCRouter
    public let servingState: ServingState
    private let chain: InterceptorChain
    private let logger: Logger
    /// Services still served while draining (health, so that it can say NOT_SERVING).
    private let servedWhileDraining: Set<String>
    /// Bounds the lines that peers' mistakes (unknown methods) write.
    public let peerErrors: LogThrottle

    public init(
        router: RPCRouter,
        interceptors: [any ServerInterceptor],
        servingState: ServingState = ServingState(),
        servedWhileDraining: Set<String> = [],
        logger: Logger,
        peerErrors: LogThrottle = LogThrottle()
    ) {
        self.peerErrors = peerErrors
        self.router = router
        self.chain = InterceptorChain(interceptors: interceptors)
        self.servingState = servingState
        self.servedWhileDraining = servedWhileDraining
        self.logger = logger
    }

    /// Reads the request envelope of a request frame's payload.
    public static func decodeRequest(_ payload: ByteBuffer) throws(RPCError) -> Ttrpc_Request {
        do {
            return try Ttrpc_Request(serializedBytes: Data(buffer: payload, byteTransferStrategy: .noCopy))
        } catch {
            throw RPCError(
                .invalidArgument, "the request frame does not hold a valid ttrpc.Request", reason: "MALFORMED_ENVELOPE")
        }
    }

    /// The deadline a request asks for, counted from now, or nil without `timeout_nano`.
    public static func deadline(of request: Ttrpc_Request) -> ContinuousClock.Instant? {
        request.timeoutNano > 0 ? .now.advanced(by: .nanoseconds(request.timeoutNano)) : nil
    }

    /// Serves a decoded request envelope whose deadline (from ``deadline(of:)``) is `deadline`.
    /// A server-streaming method sends its messages through `stream` and answers an empty payload.
    public func dispatch(
        _ request: Ttrpc_Request, peer: Peer, deadline: ContinuousClock.Instant?,
        stream: (any ServerStreamSink)? = nil
    ) async -> Ttrpc_Response {
        await dispatch(
            request, route: router.route(service: request.service, method: request.method),
            peer: peer, deadline: deadline, stream: stream)
    }

    /// The longest `x-request-id` kept (escaped) in logs and the audit trail.
    public static let maximumRequestIDLength = 128

    /// The same, with the route already looked up in ``router`` (nil: the method is unknown),
    /// for a transport that needed it first (to know whether the call streams).
    public func dispatch(
        _ request: Ttrpc_Request, route: RPCRouter.Route?, peer: Peer, deadline: ContinuousClock.Instant?,
        stream: (any ServerStreamSink)? = nil, trust: ConnectionTrust? = nil
    ) async -> Ttrpc_Response {
        let metadata = Metadata(request.metadata)
        // The caller's request id goes to logs and the audit trail: escaped and bounded there.
        let requestID =
            metadata.requestID.map { LogText.escaped($0, limit: Self.maximumRequestIDLength) } ?? RequestIDGenerator.next()
        var envelope = await dispatch(
            request, route: route, metadata: metadata, requestID: requestID, peer: peer, deadline: deadline, stream: stream,
            trust: trust)
        // The caller learns the id its call is logged and audited under.
        var returned = Ttrpc_KeyValue()
        returned.key = Metadata.Keys.requestID
        returned.value = requestID
        envelope.metadata = [returned]
        return envelope
    }

    private func dispatch(
        _ request: Ttrpc_Request, route: RPCRouter.Route?, metadata: Metadata, requestID: String, peer: Peer,
        deadline: ContinuousClock.Instant?, stream: (any ServerStreamSink)?, trust: ConnectionTrust?
    ) async -> Ttrpc_Response {
        let descriptor = MethodDescriptor(service: request.service, method: request.method)
        guard let route else {
            peerErrors.log(
                logger, level: .info, "unknown method",
                metadata: [
                    "method": "\(LogText.escaped(descriptor.description))", "request_id": "\(requestID)", "peer": "\(peer)",
                ])
            return Self.response(
                for: .unimplemented(
                    service: String(request.service.prefix(256)), method: String(request.method.prefix(256))))
        }
        if servingState.isDraining && !servedWhileDraining.contains(descriptor.service) {
            return Self.response(
                for: RPCError(
                    .unavailable, "the daemon is shutting down", reason: "SHUTTING_DOWN"))
        }

        let context = ServerContext(
            method: descriptor, metadata: metadata, deadline: deadline, peer: peer,
            requestID: requestID, logger: logger, connectionTrust: trust)

        do {
            let serverRequest = ServerRequest(payload: request.payload, stream: stream)
            let response: ServerResponse
            if let trace = context.traceParent {
                // The caller's trace goes on in the call: in its ServiceContext, for whatever traces
                // it (a span of the bootstrapped tracer; none by default), and in its logs.
                var traced = ServiceContext.current ?? .topLevel
                traced[TraceParentKey.self] = trace
                response = try await ServiceContext.withValue(traced) {
                    try await withSpan(descriptor.description, context: traced, ofKind: .server) { span in
                        span.attributes["rpc.system"] = "ttrpc"
                        span.attributes["rpc.request_id"] = requestID
                        return try await chain.run(serverRequest, context: context, handler: route.handler)
                    }
                }
            } else {
                response = try await chain.run(serverRequest, context: context, handler: route.handler)
            }
            var envelope = Ttrpc_Response()
            envelope.status = Google_Rpc_Status()
            envelope.payload = response.payload
            return envelope
        } catch let error as RPCError {
            return Self.response(for: error)
        } catch is CancellationError {
            if let deadline, deadline <= .now { return Self.response(for: .deadlineExceeded) }
            return Self.response(for: RPCError(.cancelled, "the call was cancelled", reason: "CANCELLED"))
        } catch {
            context.logger.error("handler failed", metadata: ["error": "\(String(reflecting: error))"])
            return Self.response(for: .internalError)
        }
    }

    /// The response envelope carrying an error.
    public static func response(for error: RPCError) -> Ttrpc_Response {
        var envelope = Ttrpc_Response()
        envelope.status = error.status
        return envelope
    }
}
