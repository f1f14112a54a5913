import Logging
import MyOpenIPRPC
import MyOpenIPStore
import MyOpenIPTransport
import NIOCore
import NIOPosix

/// A whole myopenipd: its store, its router with every service behind the interceptor chain,
/// and its server. The executable runs it in a `ServiceGroup`; tests run it in-process.
public struct Daemon: Sendable {
    public let configuration: DaemonConfiguration
    public let store: Store
    public let router: RPCRouter
    public let server: RPCServer
    public let servingState: ServingState

    public init(
        configuration: DaemonConfiguration,
        additionalServices: [any RPCService] = [],
        policy: AccessPolicy = .standard,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) throws {
        self.configuration = configuration
        self.store = try Store(folder: configuration.dataDirectory, logger: logger)
        let servingState = ServingState()
        let router = Self.makeRouter(additionalServices: additionalServices, servingState: servingState)
        let missing = policy.methodsWithoutRule(in: router)
        if !missing.isEmpty {
            logger.error("methods without an access rule will be refused", metadata: ["methods": "\(missing)"])
        }

        let dispatcher = CallDispatcher(
            router: router,
            interceptors: [
                LoggingInterceptor(),
                DeadlineInterceptor(),
                AuthenticationInterceptor(operatorUIDs: configuration.operatorUIDs),
                AuthorizationInterceptor(policy: policy),
            ],
            servingState: servingState,
            servedWhileDraining: [HealthService.serviceName],
            logger: logger)
        self.router = router
        self.servingState = servingState
        self.server = RPCServer(
            configuration: configuration.serverConfiguration,
            dispatcher: dispatcher,
            eventLoopGroup: eventLoopGroup,
            logger: logger)
    }

    /// The router of a daemon: every service, then health and reflection, which describe it.
    public static func makeRouter(additionalServices: [any RPCService] = [], servingState: ServingState) -> RPCRouter {
        let directory = ServiceDirectory()
        var router = RPCRouter()
        for service in additionalServices { router.register(service) }
        router.register(HealthService(directory: directory, servingState: servingState))
        router.register(ReflectionService(directory: directory))
        directory.publish(router)
        return router
    }
}
