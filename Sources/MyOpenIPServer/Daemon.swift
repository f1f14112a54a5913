import Logging
import MyOpenIPDomain
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
    /// The identity services' repositories, hasher, clock and settings.
    public let identity: IdentityEnvironment

    /// A daemon on `configuration`. `time` is the clock of expiries (tests move one by hand).
    public init(
        configuration: DaemonConfiguration,
        additionalServices: [any RPCService] = [],
        policy: AccessPolicy = .standard,
        idempotency: IdempotencyPolicy = .standard,
        time: any TimeSource = SystemTimeSource(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) throws {
        self.configuration = configuration
        self.store = try Store(folder: configuration.dataDirectory, logger: logger)
        let identity = IdentityEnvironment(
            store: store, hasher: PasswordHasher(parameters: configuration.identity.passwordHashing), time: time,
            settings: configuration.identity)
        self.identity = identity
        let sites = SQLiteSiteRepository(store: store)
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
        let servingState = ServingState()
        let domainServices: [any RPCService] = [
            IdentityService(environment: identity),
            TermsService(environment: identity),
            MailService(environment: identity),
            AuditService(environment: identity),
            CompanyService(companies: identity.companies, time: time),
            RightsService(rights: identity.rights, companies: identity.companies, accounts: identity.accounts, time: time),
            SiteService(sites: sites, time: time),
            ContactService(sites: sites, time: time),
        ]
        let router = Self.makeRouter(additionalServices: domainServices + additionalServices, servingState: servingState)
        let missing = policy.methodsWithoutRule(in: router)
        if !missing.isEmpty {
            logger.error("methods without an access rule will be refused", metadata: ["methods": "\(missing)"])
        }

        let dispatcher = CallDispatcher(
            router: router,
            interceptors: [
                LoggingInterceptor(),
                DeadlineInterceptor(),
                AuthenticationInterceptor(
                    operatorUIDs: configuration.operatorUIDs,
                    sessions: SessionAuthenticator(environment: identity),
                    policy: policy),
                AuthorizationInterceptor(policy: policy),
                IdempotencyInterceptor(policy: idempotency, records: idempotencyRecords, time: time),
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
