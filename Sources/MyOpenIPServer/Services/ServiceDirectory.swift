import MyOpenIPRPC
import Synchronization

/// What the router serves, published once the router is complete, for the services that
/// describe the daemon itself (health and reflection) and are registered on that same router.
public final class ServiceDirectory: Sendable {
    /// The routes of a complete router and the policies that apply to them.
    public struct Served: Sendable {
        /// Every registered method, sorted by service then method.
        public var routes: [RPCRouter.Route] = []
        public var services: Set<String> = []
        public var access = AccessPolicy([:])
        public var idempotency = IdempotencyPolicy([])
    }

    private let state = Mutex(Served())

    public init() {}

    /// Records the complete router and its policies.
    public func publish(_ router: RPCRouter, access: AccessPolicy, idempotency: IdempotencyPolicy) {
        let served = Served(
            routes: router.routes, services: Set(router.serviceNames), access: access, idempotency: idempotency)
        state.withLock { $0 = served }
    }

    /// What was published.
    public var served: Served { state.withLock { $0 } }

    /// Whether a service of this name is served.
    public func contains(service: String) -> Bool { state.withLock { $0.services.contains(service) } }
}
