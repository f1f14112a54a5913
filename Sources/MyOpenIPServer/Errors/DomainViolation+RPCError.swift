import MyOpenIPDomain
import MyOpenIPRPC

extension RPCError {
    /// The error of a broken business rule: its message, reason and field, with the status of
    /// its kind.
    init(_ violation: DomainViolation, metadata: [String: String] = [:]) {
        self.init(
            violation.kind.statusCode, violation.message, reason: violation.reason, field: violation.field,
            metadata: metadata)
    }
}

/// A violation thrown by domain code or a repository reaches the caller with the status of its
/// own kind, never as INTERNAL.
extension DomainViolation: RPCErrorConvertible {
    public var rpcError: RPCError {
        RPCError(self)
    }
}

extension DomainViolation.Kind {
    /// The gRPC status code of this kind of failure.
    public var statusCode: StatusCode {
        switch self {
        case .invalid: return .invalidArgument
        case .notFound: return .notFound
        case .alreadyExists: return .alreadyExists
        case .refusedInThisState: return .failedPrecondition
        case .notAllowed: return .permissionDenied
        case .notSignedIn: return .unauthenticated
        case .limitReached: return .resourceExhausted
        }
    }
}
