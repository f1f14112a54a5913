import MyOpenIPProto
import MyOpenIPRPC

/// The typed facade of `myopenip.v1.ReflectionService`.
public struct ReflectionClient: Sendable {
    public static let listServices = MethodDescriptor(service: "myopenip.v1.ReflectionService", method: "ListServices")

    let client: MyOpenIPClient

    /// Every service the daemon serves, with its methods, sorted by name.
    public func listServices(options: CallOptions = .default) async throws -> [Myopenip_V1_ServiceDescription] {
        try await client.unary(
            Self.listServices, request: Myopenip_V1_ListServicesRequest(),
            as: Myopenip_V1_ListServicesResponse.self, options: options
        ).services
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.ReflectionService`.
    public var reflection: ReflectionClient { ReflectionClient(client: self) }
}
