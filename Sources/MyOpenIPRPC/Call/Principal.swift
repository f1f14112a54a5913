/// Who the daemon believes is calling, as decided by the authentication interceptor.
public enum Principal: Sendable, Hashable, CustomStringConvertible {
    /// Nobody proven: only public methods (health, reflection, later login) are open.
    case anonymous
    /// A local process of an allowed uid over the Unix socket: the operator, with every right.
    case operatorProcess(uid: UInt32)

    /// Whether this principal is operator staff.
    public var isOperator: Bool {
        if case .operatorProcess = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .anonymous: return "anonymous"
        case .operatorProcess(let uid): return "operator(uid=\(uid))"
        }
    }
}
