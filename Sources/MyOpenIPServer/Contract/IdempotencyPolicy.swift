import MyOpenIPRPC

/// The writes whose answer is kept for a retry carrying the same `idempotency-key`.
///
/// A method is here when its contract says `(myopenip.v1.idempotent_write) = true`: it changes
/// state and its answer holds no secret. Logging in (a session token) and the methods that take
/// a password stay out, as the kept request digest must not become a fast hash of a password. On
/// any other method the key is ignored, as reads are safe to retry anyway.
public struct IdempotencyPolicy: Sendable {
    public let methods: Set<MethodDescriptor>

    public init(_ methods: Set<MethodDescriptor>) {
        self.methods = methods
    }

    /// The idempotent writes among these contracts.
    public init(contracts: some Sequence<MethodContract>) {
        self.init(Set(contracts.filter(\.isIdempotentWrite).map(\.descriptor)))
    }

    public func covers(_ method: MethodDescriptor) -> Bool {
        methods.contains(method)
    }
}
