/// A business rule that a request breaks: a stable machine reason, the message shown to the
/// portal's user (French, word for word from the guides where they give it), and the field at fault.
///
/// Services turn a violation into an `RPCError` (usually INVALID_ARGUMENT or FAILED_PRECONDITION);
/// domain code stays free of RPC types so that unit tests call it directly.
public struct DomainViolation: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var message: String
    public var field: String?

    public init(reason: String, message: String, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }

    public var description: String { "\(reason): \(message)" }
}
