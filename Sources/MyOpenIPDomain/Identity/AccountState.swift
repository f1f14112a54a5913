/// Where an account is in its life.
///
/// `pendingPassword` → (password set through the mailed link) → `active`; `active` ⇄ `locked`
/// (too many failed logins, for a growing delay); any state → `disabled` by operator staff, and
/// back when they enable it. `locked` is not stored: it is an active account whose lock has
/// not run out.
public enum AccountState: String, Sendable, Hashable, CaseIterable {
    case pendingPassword = "pending_password"
    case active
    case locked
    case disabled

    /// How the portal shows it.
    public var label: String {
        switch self {
        case .pendingPassword: return "En attente du mot de passe"
        case .active: return "Activé(e)"
        case .locked: return "Verrouillé(e)"
        case .disabled: return "Désactivé(e)"
        }
    }
}
