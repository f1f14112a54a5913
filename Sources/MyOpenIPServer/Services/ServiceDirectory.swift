import MyOpenIPRPC
import Synchronization

/// What the router serves, published once the router is complete, for the services that
/// describe the daemon itself (health and reflection) and are registered on that same router.
public final class ServiceDirectory: Sendable {
    private let routes = Mutex<[RPCRouter.Route]>([])
    private let names = Mutex<Set<String>>([])

    public init() {}

    /// Records the complete router.
    public func publish(_ router: RPCRouter) {
        let all = router.routes
        routes.withLock { $0 = all }
        let services = Set(router.serviceNames)
        names.withLock { $0 = services }
    }

    /// Every registered method, sorted by service then method.
    public var allRoutes: [RPCRouter.Route] { routes.withLock { $0 } }

    /// Whether a service of this name is served.
    public func contains(service: String) -> Bool { names.withLock { $0.contains(service) } }
}
