import Logging
import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPStore
import MyOpenIPTransport
import NIOCore
import NIOPosix
import ServiceLifecycle

/// A whole myopenipd: its store, its router with every domain's services behind the interceptor
/// chain, its server, and its domains' background services.
///
/// It is a `Service`: `run()` runs the server and the background services in one
/// `ServiceGroup`, and a graceful shutdown stops them in reverse order (the server first, which
/// drains its calls, then the background work). The executable runs it in its own group with
/// the signal handlers; tests run it in-process the same way.
public struct Daemon: Service {
    /// Every domain the daemon serves: the one list a new domain is added to.
    public static let domains: [DomainModule] = [
        .runtime, .identity, .terms, .mail, .audit, .company, .rights, .sites, .catalogue, .ordering, .billing,
        .network, .operations,
    ]

    public let configuration: DaemonConfiguration
    public let store: Store
    public let router: RPCRouter
    public let server: RPCServer
    public let servingState: ServingState
    /// Who may call each method: the contracts of the services, and the rules given for
    /// services registered by hand.
    public let accessPolicy: AccessPolicy
    /// The writes whose answer is kept for a retry with the same idempotency key.
    public let idempotencyPolicy: IdempotencyPolicy
    /// The domains' background services, run beside the server (and the metrics endpoint).
    public let backgroundServices: [any Service]
    /// Calls, commits, connections, jobs: what the metrics endpoint serves.
    public let metrics: DaemonMetrics
    /// The Prometheus endpoint on 127.0.0.1, when `metricsPort` is set.
    public let metricsEndpoint: MetricsEndpoint?
    private let logger: Logger

    /// A daemon on `configuration`. `time` is the clock of expiries (tests move one by hand);
    /// `additionalServices` are registered beside the domains' (tests add probes), with
    /// `additionalRules` for those that are not generated from a contract.
    public init(
        configuration: DaemonConfiguration,
        domains: [DomainModule] = Daemon.domains,
        additionalServices: [any RPCService] = [],
        additionalRules: [MethodDescriptor: AccessRule] = [:],
        time: any TimeSource = SystemTimeSource(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) throws {
        self.configuration = configuration
        self.logger = logger
        let store = try Store(
            folder: configuration.dataDirectory, migrations: domains.flatMap(\.migrations), logger: logger)
        self.store = store
        let identity = IdentityEnvironment(
            store: store, hasher: PasswordHasher(parameters: configuration.identity.passwordHashing), time: time,
            settings: configuration.identity)
        let servingState = ServingState()
        let metrics = DaemonMetrics()
        self.metrics = metrics
        // Calls and commits are counted only when the metrics are served: off, they cost nothing.
        let metered = configuration.metricsPort != nil
        if metered {
            store.writes.observeCommits { writes, duration in metrics.committed(writes: writes, duration: duration) }
        }
        let environment = DomainEnvironment(
            store: store, time: time, identity: identity, configuration: configuration,
            auditActions: Set(domains.flatMap(\.auditActions)), servingState: servingState, metrics: metrics,
            logger: logger)
        let idempotencyRecords = SQLiteIdempotencyRepository(store: store)
        // Keyed calls cut short by the last stop: a committed write keeps its key (its retry is
        // told the answer was lost), the others free theirs.
        let interrupted = try idempotencyRecords.closeInterrupted(
            recording: IdempotencyOutcome(IdempotencyInterceptor.answerLost), at: time.timestamp())
        if interrupted.answersLost + interrupted.keysFreed > 0 {
            logger.warning(
                "keyed calls interrupted by the last stop",
                metadata: ["answers_lost": "\(interrupted.answersLost)", "keys_freed": "\(interrupted.keysFreed)"])
        }

        let services = domains.flatMap { $0.services(environment) } + additionalServices
        let (router, access, idempotency) = Self.makeRouter(
            services: services, additionalRules: additionalRules, servingState: servingState)
        let missing = access.methodsWithoutRule(in: router)
        if !missing.isEmpty {
            logger.error("methods without an access rule will be refused", metadata: ["methods": "\(missing)"])
        }
        let dispatcher = CallDispatcher(
            router: router,
            interceptors: (metered ? [MetricsInterceptor(metrics: metrics)] : []) + [
                LoggingInterceptor(),
                DeadlineInterceptor(),
                AuthenticationInterceptor(
                    operatorUIDs: configuration.operatorUIDs,
                    sessions: SessionAuthenticator(environment: identity),
                    policy: access),
                AuthorizationInterceptor(policy: access, writes: idempotency),
                IdempotencyInterceptor(policy: idempotency, records: idempotencyRecords, time: time),
            ] as [any ServerInterceptor],
            servingState: servingState,
            servedWhileDraining: [HealthService.serviceName],
            logger: logger)
        self.router = router
        self.servingState = servingState
        self.accessPolicy = access
        self.idempotencyPolicy = idempotency
        let server = RPCServer(
            configuration: configuration.serverConfiguration,
            dispatcher: dispatcher,
            eventLoopGroup: eventLoopGroup,
            logger: logger)
        self.server = server
        let endpoint = configuration.metricsPort.map { port in
            MetricsEndpoint(
                port: port, metrics: metrics, store: store, counters: server.counters, eventLoopGroup: eventLoopGroup,
                logger: logger)
        }
        self.metricsEndpoint = endpoint
        self.backgroundServices = domains.flatMap { $0.backgroundServices(environment) } + (endpoint.map { [$0] } ?? [])
    }

    /// Runs the background services and the server until a graceful shutdown (of the enclosing
    /// service group, or ``beginShutdown()``) has stopped them all, the server first.
    public func run() async throws {
        let services: [any Service] = backgroundServices + [server]
        let group = ServiceGroup(
            configuration: .init(
                services: services.map {
                    .init(
                        service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
                        failureTerminationBehavior: .gracefullyShutdownGroup)
                },
                logger: logger))
        try await group.run()
    }

    /// Begins a graceful shutdown: the server stops accepting and drains its calls, then the
    /// background services stop.
    public func beginShutdown() {
        server.beginShutdown()
    }

    /// The router of a daemon serving `services`, then health and reflection, which describe
    /// it, and the policies of all of them: the contracts of generated services plus
    /// `additionalRules`.
    public static func makeRouter(
        services: [any RPCService] = [], additionalRules: [MethodDescriptor: AccessRule] = [:], servingState: ServingState
    ) -> (router: RPCRouter, access: AccessPolicy, idempotency: IdempotencyPolicy) {
        let directory = ServiceDirectory()
        let all: [any RPCService] =
            services + [HealthService(directory: directory, servingState: servingState), ReflectionService(directory: directory)]
        var router = RPCRouter(fieldCheck: .contract)
        for service in all { router.register(service) }
        let contracts = all.flatMap(\.contracts)
        let access = AccessPolicy(contracts: contracts).adding(additionalRules)
        let idempotency = IdempotencyPolicy(contracts: contracts)
        directory.publish(router, access: access, idempotency: idempotency)
        return (router, access, idempotency)
    }
}
