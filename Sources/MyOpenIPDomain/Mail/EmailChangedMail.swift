/// The mail that tells an account's former address that the account's email changed, so that its
/// owner learns of a change they did not ask for.
public struct EmailChangedMail: Sendable, Hashable {
    public static let template = "email_changed"

    public let subject: String
    public let body: String

    /// The mail to the former address of `login`, now `newEmail` (shown half hidden).
    public init(login: AccountLogin, newEmail: EmailAddress) {
        subject = "\(login) votre adresse e-mail a été modifiée"
        body = """
            \(login) votre adresse e-mail a été modifiée
            L'adresse e-mail de votre compte MyOpenIP est désormais \(Self.hidden(newEmail)).
            Les prochains messages et le lien d'initialisation du mot de passe y seront envoyés.

            Si vous n'êtes pas à l'origine de cette demande, contactez votre administrateur.

            Ce mail a été envoyé automatiquement.
            Merci de ne pas y répondre.
            """
    }

    /// `j***@example.fr`: enough for the owner to recognise it, not enough to copy it.
    static func hidden(_ email: EmailAddress) -> String {
        String(email.localPart.prefix(1)) + "***@" + email.domain
    }
}
