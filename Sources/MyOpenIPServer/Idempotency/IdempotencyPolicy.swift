import MyOpenIPRPC

/// The writes whose answer is kept for a retry carrying the same `idempotency-key`.
///
/// A method is here when it changes state and its answer holds no secret: logging in (a session
/// token) and the methods that take a password stay out, as the kept request digest must not
/// become a fast hash of a password. On any other method the key is ignored, as reads are safe
/// to retry anyway.
public struct IdempotencyPolicy: Sendable {
    public let methods: Set<MethodDescriptor>

    public init(_ methods: Set<MethodDescriptor>) {
        self.methods = methods
    }

    public func covers(_ method: MethodDescriptor) -> Bool {
        methods.contains(method)
    }

    /// The keyed writes of every domain the daemon serves.
    public static let standard = IdempotencyPolicy(
        IdentityService.idempotentWrites
            .union(TermsService.idempotentWrites)
            .union(MailService.idempotentWrites)
            .union(CompanyService.idempotentWrites)
            .union(RightsService.idempotentWrites)
            .union(SiteService.idempotentWrites)
            .union(ContactService.idempotentWrites))
}
