/// Names one RPC method: its fully qualified service and its method name.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// Fully qualified proto service name, e.g. `grpc.health.v1.Health`.
    public var service: String
    /// Method name, e.g. `Check`.
    public var method: String

    public init(service: String, method: String) {
        self.service = service
        self.method = method
    }

    /// `service/method`, as logged.
    public var description: String { "\(service)/\(method)" }
}
