import MyOpenIPProto
import MyOpenIPRPC

/// `myopenip.v1.ReflectionService`: lists the services and methods the router really has, with
/// who may call each.
public struct ReflectionService: ReflectionServiceProtocol {
    private let directory: ServiceDirectory

    public init(directory: ServiceDirectory) {
        self.directory = directory
    }

    public func listServices(
        _ request: Myopenip_V1_ListServicesRequest, context: ServerContext
    ) -> Myopenip_V1_ListServicesResponse {
        let served = directory.served
        var byService: [String: [Myopenip_V1_MethodDescription]] = [:]
        for route in served.routes {
            var method = Myopenip_V1_MethodDescription()
            method.name = route.descriptor.method
            method.requestType = route.requestType
            method.responseType = route.responseType
            method.serverStreaming = route.isServerStreaming
            method.access = served.access.rule(for: route.descriptor)?.description ?? "none"
            method.idempotentWrite = served.idempotency.covers(route.descriptor)
            byService[route.descriptor.service, default: []].append(method)
        }
        var response = Myopenip_V1_ListServicesResponse()
        response.services = byService.keys.sorted().map { name in
            var service = Myopenip_V1_ServiceDescription()
            service.name = name
            service.methods = byService[name]!.sorted { $0.name < $1.name }
            return service
        }
        return response
    }
}
