/// A service handler: one per business domain, registering its methods on the router.
public protocol RPCService: Sendable {
    /// The fully qualified proto service name, e.g. `myopenip.v1.IdentityService`.
    static var serviceName: String { get }

    /// Registers every method of the service.
    func register(on router: inout RPCRouter)
}
