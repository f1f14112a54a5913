import MyOpenIPProto
import MyOpenIPRPC

/// `myopenip.v1.ReflectionService`: lists the services and methods the router really has.
public struct ReflectionService: RPCService {
    public static let serviceName = "myopenip.v1.ReflectionService"
    public static let listServices = MethodDescriptor(service: serviceName, method: "ListServices")

    private let directory: ServiceDirectory

    public init(directory: ServiceDirectory) {
        self.directory = directory
    }

    public func register(on router: inout RPCRouter) {
        router.registerUnary(Self.listServices) { (_: Myopenip_V1_ListServicesRequest, _) in
            self.listServices()
        }
    }

    func listServices() -> Myopenip_V1_ListServicesResponse {
        var byService: [String: [Myopenip_V1_MethodDescription]] = [:]
        for route in directory.allRoutes {
            var method = Myopenip_V1_MethodDescription()
            method.name = route.descriptor.method
            method.requestType = route.requestType
            method.responseType = route.responseType
            method.serverStreaming = route.isServerStreaming
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
