import MyOpenIPRPC

/// The one table that says, for every RPC method, who may call it.
///
/// It is built from the contracts of the services a daemon serves (the `(myopenip.v1.access)`
/// option of each method in `proto/`, which the generator requires), so every generated method
/// has its rule; a method missing from the table, such as one registered by hand without a rule,
/// is refused (deny by default).
public struct AccessPolicy: Sendable {
    private var rules: [MethodDescriptor: AccessRule]

    public init(_ rules: [MethodDescriptor: AccessRule]) {
        self.rules = rules
    }

    /// The rules of these contracts.
    public init(contracts: some Sequence<MethodContract>) {
        self.init(Dictionary(contracts.map { ($0.descriptor, $0.access) }) { $1 })
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
}
