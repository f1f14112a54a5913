import Synchronization

/// What the interceptors learn of a call on its way in (who called), for those that report
/// the call on its way out (the call's log line, its metrics): the context is a value each
/// interceptor refines for the next one, so what an inner one learns travels back here.
public final class CallNotes: Sendable {
    private let callerKind = Mutex<String>(Principal.anonymous.kind)

    public init() {}

    /// The caller's kind once authenticated (``Principal/kind``); `anonymous` before.
    public var caller: String {
        get { callerKind.withLock { $0 } }
        set { callerKind.withLock { $0 = newValue } }
    }
}

extension Principal {
    /// The kind of caller, bounded for logs and metric labels: `anonymous`, `operator_process`,
    /// `operator_staff` or `company_user`. Never a login or an id.
    public var kind: String {
        switch self {
        case .anonymous: "anonymous"
        case .operatorProcess: "operator_process"
        case .session(let identity): identity.isOperatorStaff ? "operator_staff" : "company_user"
        }
    }
}
