/// The mail that carries a password link, in the words of the guide:
///
/// > E-000000XXXX votre requete à bien été traitée
/// > Merci de cliquer sur le lien pour initialiser votre mot de passe
/// > Initialisation du mot de passe
/// > Ce mail a été envoyé automatiquement. Merci de ne pas y répondre.
public struct PasswordLinkMail: Sendable, Hashable {
    /// Why the link was sent.
    public enum Purpose: String, Sendable, Hashable {
        /// A new account.
        case initialisation = "password_initialisation"
        /// A new link for an existing account (asked by its owner or by operator staff).
        case reset = "password_reset"
    }

    public static let buttonLabel = "Initialisation du mot de passe"

    public let subject: String
    public let body: String

    /// The mail to `login`'s owner with the link `link`, valid until `expiresAt`.
    public init(login: AccountLogin, link: String, expiresAt: Timestamp) {
        subject = "\(login) votre requete à bien été traitée"
        body = """
            \(login) votre requete à bien été traitée
            Merci de cliquer sur le lien pour initialiser votre mot de passe

            \(Self.buttonLabel) : \(link)

            Ce lien est valable jusqu'au \(expiresAt.iso8601) et ne peut servir qu'une fois.

            Ce mail a été envoyé automatiquement.
            Merci de ne pas y répondre.
            """
    }
}
