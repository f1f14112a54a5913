/// The messages of identity errors shown to the portal's users, and their stable reasons.
public enum IdentityMessages {
    public static let invalidCredentials = DomainViolation(
        reason: "INVALID_CREDENTIALS", message: "Identifiant ou mot de passe incorrect", kind: .notSignedIn)
    public static let accountDisabled = DomainViolation(
        reason: "ACCOUNT_DISABLED", message: "Votre compte est désactivé. Contactez votre administrateur.", kind: .notAllowed)
    public static let authenticationRequired = DomainViolation(
        reason: "AUTHENTICATION_REQUIRED", message: "Veuillez vous connecter", kind: .notSignedIn)
    public static let sessionInvalid = DomainViolation(
        reason: "SESSION_INVALID", message: "Votre session a expiré ou a été fermée. Veuillez vous reconnecter.",
        kind: .notSignedIn)
    public static let termsNotAccepted = DomainViolation(
        reason: "TERMS_NOT_ACCEPTED",
        message: "Vous devez accepter les conditions d'utilisation (C.U.) de MyOpenIP avant de continuer",
        kind: .refusedInThisState)
    public static let linkInvalid = DomainViolation(
        reason: "PASSWORD_LINK_INVALID", message: "Ce lien d'initialisation du mot de passe n'est pas valide", field: "token",
        kind: .notFound)
    public static let linkExpired = DomainViolation(
        reason: "PASSWORD_LINK_EXPIRED",
        message: "Ce lien d'initialisation du mot de passe a expiré. Veuillez en demander un nouveau.", field: "token",
        kind: .refusedInThisState)
    public static let linkUsed = DomainViolation(
        reason: "PASSWORD_LINK_USED", message: "Ce lien d'initialisation du mot de passe a déjà été utilisé", field: "token",
        kind: .refusedInThisState)
    public static let currentPasswordWrong = DomainViolation(
        reason: "CURRENT_PASSWORD_WRONG", message: "Le mot de passe actuel est incorrect", field: "current_password",
        kind: .notAllowed)
    public static let emailTaken = DomainViolation(
        reason: "EMAIL_TAKEN", message: "Un compte existe déjà avec cette adresse e-mail", field: "email", kind: .alreadyExists)
    public static let accountUnknown = DomainViolation(
        reason: "ACCOUNT_NOT_FOUND", message: "Ce compte n'existe pas", field: "login", kind: .notFound)
    /// A user holding permissions the caller lacks: nobody manages someone above them.
    public static let accountMorePrivileged = DomainViolation(
        reason: "ACCOUNT_MORE_PRIVILEGED",
        message: "Cet utilisateur a des droits que vous n'avez pas : vous ne pouvez pas le gérer", field: "login",
        kind: .notAllowed)
    public static let loginInvalid = DomainViolation(
        reason: "LOGIN_INVALID", message: "L'identifiant doit être E- suivi de 10 chiffres", field: "login")

    /// Too many failed logins: how long to wait, in whole minutes (at least one).
    public static func accountLocked(retryAfter: Duration) -> DomainViolation {
        let seconds = max(1, retryAfter.components.seconds + (retryAfter.components.attoseconds > 0 ? 1 : 0))
        let minutes = (seconds + 59) / 60
        return DomainViolation(
            reason: "ACCOUNT_LOCKED",
            message: "Votre compte est temporairement verrouillé après plusieurs échecs de connexion. "
                + "Réessayez dans \(minutes) minute\(minutes > 1 ? "s" : "").",
            kind: .limitReached)
    }
}
