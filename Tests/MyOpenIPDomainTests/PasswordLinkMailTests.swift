import MyOpenIPDomain
import Testing

@Suite("Password link mail (the guide's wording)")
struct PasswordLinkMailTests {
    static let link = "https://myopenip.example/mot-de-passe?token=abc123"
    /// 2017-02-15T10:20:30Z.
    static let expiry = Timestamp(milliseconds: 1_487_154_030_000)

    static func mail() throws -> PasswordLinkMail {
        PasswordLinkMail(login: try #require(AccountLogin(sequence: 1234)), link: link, expiresAt: expiry)
    }

    static func lines(of mail: PasswordLinkMail) -> [String] {
        mail.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func theSubjectIsTheGuidesTyposIncluded() throws {
        #expect(try Self.mail().subject == "E-0000001234 votre requete à bien été traitée")
    }

    @Test func theBodyOpensWithTheGuidesTwoLines() throws {
        let lines = Self.lines(of: try Self.mail())
        try #require(lines.count >= 2)
        #expect(lines[0] == "E-0000001234 votre requete à bien été traitée")
        #expect(lines[1] == "Merci de cliquer sur le lien pour initialiser votre mot de passe")
    }

    @Test func theBodyCarriesTheLinkOnTheButtonsLine() throws {
        let lines = Self.lines(of: try Self.mail())
        #expect(PasswordLinkMail.buttonLabel == "Initialisation du mot de passe")
        #expect(lines.contains("Initialisation du mot de passe : https://myopenip.example/mot-de-passe?token=abc123"))
        #expect(lines.filter { $0.contains(Self.link) }.count == 1)
    }

    @Test func theBodyTellsWhenTheLinkExpires() throws {
        let lines = Self.lines(of: try Self.mail())
        #expect(lines.contains("Ce lien est valable jusqu'au 2017-02-15T10:20:30.000Z et ne peut servir qu'une fois."))
    }

    @Test func theBodyEndsWithTheGuidesTwoLines() throws {
        let lines = Self.lines(of: try Self.mail())
        try #require(lines.count >= 2)
        #expect(lines[lines.count - 2] == "Ce mail a été envoyé automatiquement.")
        #expect(lines[lines.count - 1] == "Merci de ne pas y répondre.")
    }

    @Test func theBodyIsNotIndented() throws {
        for line in Self.lines(of: try Self.mail()) {
            #expect(!line.hasPrefix(" "))
        }
    }

    @Test func theLoginIsWrittenOnTenDigits() throws {
        let mail = PasswordLinkMail(login: try #require(AccountLogin(sequence: 1)), link: Self.link, expiresAt: Self.expiry)
        #expect(mail.subject == "E-0000000001 votre requete à bien été traitée")
        #expect(mail.body.hasPrefix("E-0000000001 votre requete à bien été traitée\n"))
    }

    @Test func thePurposesHaveStableNames() {
        #expect(PasswordLinkMail.Purpose.initialisation.rawValue == "password_initialisation")
        #expect(PasswordLinkMail.Purpose.reset.rawValue == "password_reset")
    }
}
