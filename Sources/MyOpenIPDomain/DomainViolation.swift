/// A business rule that a request breaks: a stable machine reason, the message shown to the
/// portal's user (French, word for word from the guides where they give it), the field at fault,
/// and what kind of failure it is.
///
/// The violation carries its own ``Kind``, which the server turns into a status code (the RPC
/// layer's `RPCErrorConvertible`), so domain code stays free of RPC types and unit tests call it
/// directly, and no table elsewhere has to know each reason.
public struct DomainViolation: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure a violation is; each becomes one status code.
    public enum Kind: Sendable, Hashable {
        /// The request itself is wrong: a missing or malformed field (INVALID_ARGUMENT).
        case invalid
        /// What the request names does not exist, or not for this caller (NOT_FOUND).
        case notFound
        /// What the request would create exists already (ALREADY_EXISTS).
        case alreadyExists
        /// The request is fine but the state of things refuses it (FAILED_PRECONDITION).
        case refusedInThisState
        /// The caller is known but may not do this (PERMISSION_DENIED).
        case notAllowed
        /// The caller is not, or no longer, signed in (UNAUTHENTICATED).
        case notSignedIn
        /// A limit is reached for now, e.g. a locked account (RESOURCE_EXHAUSTED).
        case limitReached
    }

    public var reason: String
    public var message: String
    public var field: String?
    public var kind: Kind

    public init(reason: String, message: String, field: String? = nil, kind: Kind = .invalid) {
        self.reason = reason
        self.message = message
        self.field = field
        self.kind = kind
    }

    public var description: String { "\(reason): \(message)" }
}

extension DomainViolation {
    /// The same violation, naming another field.
    public func on(_ field: String) -> DomainViolation {
        var copy = self
        copy.field = field
        return copy
    }
}
