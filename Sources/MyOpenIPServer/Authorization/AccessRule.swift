import MyOpenIPRPC

/// What a caller must be to call a method.
public enum AccessRule: Sendable, Hashable {
    /// Anyone, even unauthenticated (health, reflection, and later login).
    case `public`
    /// Operator staff only.
    case operatorOnly
}
