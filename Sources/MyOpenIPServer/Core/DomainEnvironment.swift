import Logging
import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPStore

/// What every domain's services are built from: the store, the clock, the identity of callers
/// (accounts, sessions, rights), the settings and the logger.
public struct DomainEnvironment: Sendable {
    public let store: Store
    /// The clock of expiries and of every recorded time (tests move one by hand).
    public let time: any TimeSource
    /// Accounts, sessions, rights and companies: who calls, shared by every domain's checks.
    public let identity: IdentityEnvironment
    public let configuration: DaemonConfiguration
    /// Every action the daemon's domains write to the audit trail.
    public let auditActions: Set<AuditAction>
    /// Whether the daemon is shutting down: long calls (watches) end when it begins.
    public let servingState: ServingState
    /// The daemon's metrics: background jobs count and time their turns there.
    public let metrics: DaemonMetrics
    public let logger: Logger

    public init(
        store: Store, time: any TimeSource, identity: IdentityEnvironment, configuration: DaemonConfiguration,
        auditActions: Set<AuditAction>, servingState: ServingState = ServingState(),
        metrics: DaemonMetrics = DaemonMetrics(), logger: Logger
    ) {
        self.servingState = servingState
        self.metrics = metrics
        self.store = store
        self.time = time
        self.identity = identity
        self.configuration = configuration
        self.auditActions = auditActions
        self.logger = logger
    }
}
