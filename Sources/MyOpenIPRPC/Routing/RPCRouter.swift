import Foundation
import SwiftProtobuf

/// The table of every method the daemon serves, looked up by service and method name.
///
/// Services register typed handlers; the router decodes the request message (a payload that does
/// not decode is INVALID_ARGUMENT) and encodes the response.
public struct RPCRouter: Sendable {
    /// One registered method and what reflection says of it.
    public struct Route: Sendable {
        public var descriptor: MethodDescriptor
        public var requestType: String
        public var responseType: String
        /// Whether the method answers with a stream of messages rather than one.
        public var isServerStreaming: Bool
        public var handler: RPCHandler
    }

    private var services: [String: [String: Route]] = [:]

    /// What every decoded request is checked for before its handler runs.
    public let fieldCheck: RequestFieldCheck

    public init(fieldCheck: RequestFieldCheck = RequestFieldCheck()) {
        self.fieldCheck = fieldCheck
    }

    /// Registers a unary method with typed request and response messages.
    public mutating func registerUnary<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ descriptor: MethodDescriptor,
        request: Request.Type = Request.self,
        response: Response.Type = Response.self,
        handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        precondition(self.route(for: descriptor) == nil, "\(descriptor) is registered twice")
        let fieldCheck = self.fieldCheck
        let route = Route(
            descriptor: descriptor,
            requestType: Request.protoMessageName,
            responseType: Response.protoMessageName,
            isServerStreaming: false
        ) { request, context in
            let message = try Self.decode(Request.self, from: request, checking: fieldCheck)
            let response = try await handler(message, context)
            if let payload = context.notes.preparedPayload(for: response) { return ServerResponse(payload: payload) }
            do {
                return ServerResponse(payload: try response.serializedBytes())
            } catch {
                context.logger.error("cannot encode the response", metadata: ["error": "\(error)"])
                throw RPCError.internalError
            }
        }
        services[descriptor.service, default: [:]][descriptor.method] = route
    }

    /// Registers a server-streaming method: the handler sends any number of messages through
    /// its ``ResponseStream``; the call ends when the handler returns (OK) or throws (its status).
    public mutating func registerServerStreaming<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ descriptor: MethodDescriptor,
        request: Request.Type = Request.self,
        response: Response.Type = Response.self,
        handler: @escaping @Sendable (Request, ResponseStream<Response>, ServerContext) async throws -> Void
    ) {
        precondition(self.route(for: descriptor) == nil, "\(descriptor) is registered twice")
        let fieldCheck = self.fieldCheck
        let route = Route(
            descriptor: descriptor,
            requestType: Request.protoMessageName,
            responseType: Response.protoMessageName,
            isServerStreaming: true
        ) { request, context in
            guard let sink = request.stream else {
                context.logger.error("a server-streaming method was called without a stream")
                throw RPCError.internalError
            }
            let message = try Self.decode(Request.self, from: request, checking: fieldCheck)
            try await handler(message, ResponseStream(sink: sink), context)
            return ServerResponse(payload: Data())
        }
        services[descriptor.service, default: [:]][descriptor.method] = route
    }

    private static func decode<Request: SwiftProtobuf.Message>(
        _ type: Request.Type, from request: ServerRequest, checking fieldCheck: RequestFieldCheck
    ) throws -> Request {
        let message: Request
        do {
            message = try Request(serializedBytes: request.payload)
        } catch {
            throw RPCError(
                .invalidArgument,
                "the request payload is not a valid \(Request.protoMessageName)",
                reason: "MALFORMED_PAYLOAD")
        }
        try fieldCheck.check(message)
        return message
    }

    /// Registers every method of a service.
    public mutating func register(_ service: some RPCService) {
        service.register(on: &self)
    }

    /// The route of a method, or nil when the service or the method is unknown.
    public func route(for descriptor: MethodDescriptor) -> Route? {
        services[descriptor.service]?[descriptor.method]
    }

    /// The route of a method given by its wire names.
    public func route(service: String, method: String) -> Route? {
        services[service]?[method]
    }

    /// Whether a service of this name has at least one registered method.
    public func hasService(_ name: String) -> Bool {
        services[name] != nil
    }

    /// The names of the registered services, sorted.
    public var serviceNames: [String] { services.keys.sorted() }

    /// Every route, sorted by service then method.
    public var routes: [Route] {
        services.keys.sorted().flatMap { name in
            services[name]!.values.sorted { $0.descriptor.method < $1.descriptor.method }
        }
    }
}
