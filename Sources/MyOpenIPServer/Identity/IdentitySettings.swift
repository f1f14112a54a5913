import MyOpenIPDomain

/// The identity knobs of a daemon: how long sessions and password links live, when failed
/// logins lock an account, and where the portal's password page is.
public struct IdentitySettings: Sendable, Hashable {
    public var sessions: SessionPolicy
    public var lockout: LockoutPolicy
    /// How long a mailed password link works.
    public var passwordLinkLifetime: Duration
    /// The portal's address; links point at its password page.
    public var portalURL: String
    /// The scrypt cost of new password hashes (existing hashes keep theirs until the next login).
    public var passwordHashing: PasswordHasher.Parameters
    /// Failed logins one peer address may make in ``failedLoginWindow`` before its logins are
    /// refused until the window ends.
    public var failedLoginsPerAddress = 30
    public var failedLoginWindow: Duration = .seconds(600)

    public init(
        sessions: SessionPolicy = SessionPolicy(),
        lockout: LockoutPolicy = LockoutPolicy(),
        passwordLinkLifetime: Duration = .seconds(72 * 3600),
        portalURL: String = "https://cm.myopenip.fr",
        passwordHashing: PasswordHasher.Parameters = .standard
    ) {
        self.passwordHashing = passwordHashing
        self.sessions = sessions
        self.lockout = lockout
        self.passwordLinkLifetime = passwordLinkLifetime
        self.portalURL = portalURL
    }

    /// The link of the portal's "Génération de votre mot de passe" page for `token`.
    public func passwordLink(token: String) -> String {
        var base = portalURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/initialisation-mot-de-passe?token=" + token
    }

    /// The right-hand side of the Message-IDs of the mails queued: the portal's host.
    public var messageIDDomain: String { MessageID.domain(of: portalURL) }
}
