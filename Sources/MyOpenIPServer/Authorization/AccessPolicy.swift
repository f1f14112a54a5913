import MyOpenIPRPC

/// The one table that says, for every RPC method, who may call it.
///
/// A method missing from the table is refused (deny by default); a test checks that every
/// registered method has an entry.
public struct AccessPolicy: Sendable {
    private var rules: [MethodDescriptor: AccessRule]

    public init(_ rules: [MethodDescriptor: AccessRule]) {
        self.rules = rules
    }

    /// This policy with more rules; a rule given here replaces one already there.
    public func adding(_ more: [MethodDescriptor: AccessRule]) -> AccessPolicy {
        AccessPolicy(rules.merging(more) { $1 })
    }

    /// The rule of a method, or nil when it has none.
    public func rule(for method: MethodDescriptor) -> AccessRule? {
        rules[method]
    }

    /// The methods of `router` that have no rule.
    public func methodsWithoutRule(in router: RPCRouter) -> [MethodDescriptor] {
        router.routes.map(\.descriptor).filter { rules[$0] == nil }
    }

    /// The policy of every method the daemon serves.
    public static let standard = AccessPolicy([
        HealthService.check: .public,
        HealthService.watch: .public,
        ReflectionService.listServices: .public,
    ])
    .adding(IdentityService.accessRules)
    .adding(TermsService.accessRules)
    .adding(MailService.accessRules)
    .adding(AuditService.accessRules)
    .adding(CompanyService.accessRules)
    .adding(RightsService.accessRules)
    .adding(SiteService.accessRules)
    .adding(ContactService.accessRules)
}
