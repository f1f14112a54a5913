import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPStore
import ServiceLifecycle

/// One business domain as the daemon plugs it in: its schema changes, the actions its audit
/// events record, its services, and its background work. Each domain declares its entry in its
/// own folder (`Services/Sites/SitesDomain.swift`); `Daemon.domains` lists the entries, the one
/// place a new domain is added.
public struct DomainModule: Sendable {
    /// The domain's folder name in every layer (`Sites`).
    public var name: String
    /// Its migrations; the store applies those of every domain in version order.
    public var migrations: [StoreMigration]
    /// The actions its changes write to the audit trail.
    public var auditActions: [AuditAction]
    /// Its RPC services, built on the daemon's environment.
    public var services: @Sendable (DomainEnvironment) -> [any RPCService]
    /// Its background services (purges, deliveries, runs), started with the daemon's server in
    /// one service group and stopped after it.
    public var backgroundServices: @Sendable (DomainEnvironment) -> [any Service]

    public init(
        name: String,
        migrations: [StoreMigration] = [],
        auditActions: [AuditAction] = [],
        services: @escaping @Sendable (DomainEnvironment) -> [any RPCService] = { _ in [] },
        backgroundServices: @escaping @Sendable (DomainEnvironment) -> [any Service] = { _ in [] }
    ) {
        self.name = name
        self.migrations = migrations
        self.auditActions = auditActions
        self.services = services
        self.backgroundServices = backgroundServices
    }
}
