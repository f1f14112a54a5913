import Foundation
import MyOpenIPClient
import Testing

/// The first login of a new user, as the guide tells it, from end to end over each transport.
@Suite("Identity: the story of a new user")
struct IdentityStoryTests {
    @Test("account → mail → password → login → terms → WhoAmI → logout", arguments: TestTransport.allCases)
    func firstLogin(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let terms = try await daemon.publishTerms()
            try await daemon.ensureCompany("OIP-00000002", kind: .client)

            // Operator staff create the account: a login in sequence, waiting for its password.
            let account = try await admin.identity.createAccount(
                displayName: "Alice Martin", email: "alice.martin92@example.fr", kind: .clientUser,
                companyReference: "OIP-00000002")
            #expect(account.login == "E-0000000001")
            #expect(account.state == .pendingPassword)

            // The mail is in the outbox, in the guide's words, with the link.
            let mails = try await admin.mail.list(accountLogin: account.login).mails
            let mail = try #require(mails.first)
            #expect(mails.count == 1)
            #expect(mail.recipient == "alice.martin92@example.fr")
            #expect(mail.subject == "E-0000000001 votre requete à bien été traitée")
            #expect(
                mail.body.hasPrefix(
                    "E-0000000001 votre requete à bien été traitée\nMerci de cliquer sur le lien pour initialiser votre mot de passe"
                ))
            #expect(
                mail.body.contains("Initialisation du mot de passe : https://cm.myopenip.fr/initialisation-mot-de-passe?token="))
            #expect(mail.body.hasSuffix("Ce mail a été envoyé automatiquement.\nMerci de ne pas y répondre."))
            #expect(!mail.hasSentAt)
            let token = try #require(linkToken(in: mail.body))

            // The link sets the password; bad ones are refused with the guide's words.
            let user = daemon.client(transport)
            let refusals: [(String, String, String)] = [
                ("Court1!", "Court1!", "Votre mot de passe doit comporter au moins 8 caractères"),
                ("minuscules1!", "minuscules1!", "Votre mot de passe doit comporter au moins 1 majuscule"),
                ("SansChiffre!", "SansChiffre!", "Votre mot de passe doit comporter au moins 1 chiffre"),
                ("SansSpecial1", "SansSpecial1", "Votre mot de passe doit comporter au moins 1 caractère spécial"),
                (goodPassword, goodPassword + "x", "La confirmation ne correspond pas au mot de passe"),
                ("E-0000000001", "E-0000000001", "Votre mot de passe ne doit pas être votre identifiant ni votre adresse e-mail"),
            ]
            for (password, confirmation, message) in refusals {
                let error = await rpcError {
                    try await user.identity.setPassword(token: token, password: password, confirmation: confirmation)
                }
                #expect(error?.code == .invalidArgument, "\(password)")
                #expect(error?.message == message, "\(password)")
            }
            let sameAsEmail = await rpcError {
                try await user.identity.setPassword(
                    token: token, password: "Alice.Martin92@Example.fr", confirmation: "Alice.Martin92@Example.fr")
            }
            #expect(sameAsEmail?.reason == "PASSWORD_SAME_AS_LOGIN_OR_EMAIL")
            #expect(
                try await user.identity.setPassword(token: token, password: goodPassword, confirmation: goodPassword)
                    == "E-0000000001")
            #expect(try await admin.identity.account(login: "E-0000000001").state == .active)

            // The link was single use.
            let reused = await rpcError {
                try await user.identity.setPassword(token: token, password: goodPassword, confirmation: goodPassword)
            }
            #expect(reused?.code == .failedPrecondition)
            #expect(reused?.reason == "PASSWORD_LINK_USED")

            // A wrong password is refused; the right one opens a session that must accept the terms.
            let wrong = await rpcError { try await user.identity.login(identifier: "E-0000000001", password: "Mauvais-1!") }
            #expect(wrong?.code == .unauthenticated)
            #expect(wrong?.message == "Identifiant ou mot de passe incorrect")
            let login = try await user.identity.login(identifier: "E-0000000001", password: goodPassword)
            #expect(login.mustAcceptTerms)
            #expect(login.sessionToken.count == 43)
            #expect(user.sessionToken == login.sessionToken)

            // Every call is refused until the terms are accepted, except seeing who one is, reading
            // and accepting them.
            #expect(try await user.identity.whoAmI().mustAcceptTerms)
            let gated = await rpcError { try await user.rights.templates() }
            #expect(gated?.code == .failedPrecondition)
            #expect(gated?.reason == "TERMS_NOT_ACCEPTED")
            #expect(gated?.message == "Vous devez accepter les conditions d'utilisation (C.U.) de MyOpenIP avant de continuer")
            let gatedChange = await rpcError {
                try await user.identity.changePassword(current: goodPassword, new: "Autre-92110!", confirmation: "Autre-92110!")
            }
            #expect(gatedChange?.reason == "TERMS_NOT_ACCEPTED")
            let shown = try await user.terms.get()
            #expect(shown.version == terms.version)
            #expect(shown.applicability == "Version de Conditions d'Utilisation applicable au 15 Février 2017")
            #expect(shown.inForce)
            let accepted = try await user.terms.accept(version: shown.version)
            #expect(accepted.version == terms.version)

            // WhoAmI now answers.
            let me = try await user.identity.whoAmI()
            #expect(me.account.login == "E-0000000001")
            #expect(me.account.kind == .clientUser)
            #expect(me.account.companyReference == "OIP-00000002")
            #expect(me.account.acceptedTermsVersion == terms.version)
            #expect(me.rights.isEmpty)
            #expect(!me.isOperator)
            #expect(!me.mustAcceptTerms)

            // Logout: the token no longer works.
            try await user.identity.logout()
            #expect(user.sessionToken == nil)
            user.sessionToken = login.sessionToken
            let after = await rpcError { try await user.identity.whoAmI() }
            #expect(after?.code == .unauthenticated)
            #expect(after?.reason == "SESSION_INVALID")

            // Each step is in the account's audit trail.
            let actions = try await admin.audit.list(accountLogin: "E-0000000001").events.map(\.action)
            for action in [
                "account.created", "password.link_issued", "password.set", "login.failed", "login.succeeded",
                "terms.accepted", "session.revoked",
            ] {
                #expect(actions.contains(action), "\(action)")
            }
            await user.close()
            await admin.close()
        }
    }
}
