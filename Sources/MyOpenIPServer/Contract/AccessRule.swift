import MyOpenIPDomain
import MyOpenIPRPC

/// What a caller must be to call a method.
public enum AccessRule: Sendable, Hashable {
    /// Anyone, even unauthenticated (health, reflection, login, password links).
    case `public`
    /// A session of any account, or the operator; an account that has not accepted the terms of
    /// use in force is refused with FAILED_PRECONDITION.
    case signedIn
    /// A session of any account, or the operator, even before the terms of use in force are
    /// accepted: reading and accepting them, logging out.
    case signedInBeforeTerms
    /// Operator staff only (an operator process, or a staff account that accepted the terms).
    case operatorOnly
    /// A session whose rights give this permission (which applies within the session's company
    /// scope), or operator staff.
    case permission(Permission)
}

extension AccessRule: CustomStringConvertible {
    /// How reflection and `myopenipctl services` show the rule: `public`, `signed in`,
    /// `signed in before terms`, `operator only`, `permission company.read`.
    public var description: String {
        switch self {
        case .public: return "public"
        case .signedIn: return "signed in"
        case .signedInBeforeTerms: return "signed in before terms"
        case .operatorOnly: return "operator only"
        case .permission(let permission): return "permission \(permission.rawValue)"
        }
    }
}
