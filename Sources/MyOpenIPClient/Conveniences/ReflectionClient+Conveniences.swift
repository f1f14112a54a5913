import MyOpenIPProto
import MyOpenIPRPC

/// Conveniences over the generated client of `myopenip.v1.ReflectionService`.
extension ReflectionClient {
    /// Every service the daemon serves, with its methods, sorted by name.
    public func listServices(options: CallOptions = .default) async throws -> [Myopenip_V1_ServiceDescription] {
        try await listServices(Myopenip_V1_ListServicesRequest(), options: options).services
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.ReflectionService`.
    public var reflection: ReflectionClient { ReflectionClient(client: self) }
}
