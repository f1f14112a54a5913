import ArgumentParser
import Foundation
import MyOpenIPClient

/// `myopenipctl login IDENTIFIER`: opens a session and prints its token.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Open a session; print its token, to pass as --token or MYOPENIP_TOKEN.",
        discussion: "The password is asked at a prompt that does not echo, or read from standard input with --password-stdin.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "A login (E-0000001234) or an email.") var identifier: String
    @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
    @Flag(help: "Print only the token.") var tokenOnly = false

    func run() async throws {
        let password = try PasswordInput.read(
            [("password", "Password for \(identifier): ")], fromStandardInput: passwordStdin)[0]
        let response = try await connection.withClient { client in
            try await client.identity.login(identifier: identifier, password: password)
        }
        if tokenOnly { return print(response.sessionToken) }
        if connection.json { return Output.printMessage(response) }
        Output.printFields([
            ("token", response.sessionToken), ("login", response.account.login), ("name", response.account.displayName),
            ("idle expiry", response.idleExpiresAt.shown), ("expires", response.expiresAt.shown),
            ("terms to accept", response.mustAcceptTerms ? "yes (myopenipctl terms show, then terms accept)" : "no"),
        ])
    }
}

/// `myopenipctl logout`: closes the session of --token / MYOPENIP_TOKEN.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "Close the session given by --token or MYOPENIP_TOKEN.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withClient { client in
            guard client.sessionToken != nil else { throw CommandFailure.usage("no session: give --token or set MYOPENIP_TOKEN") }
            do {
                // The generated call, not the convenience (which forgets a token that no longer works).
                _ = try await client.identity.logout(Myopenip_V1_LogoutRequest())
            } catch let error as RPCError where error.code == .unauthenticated {
                // Nothing to close: say that the token was not an open session, not that it was closed.
                throw RPCError(
                    .unauthenticated,
                    "this token is not an open session (unknown, expired or already closed): nothing to log out",
                    reason: error.reason)
            }
        }
        connection.json ? Output.printJSON(["logged_out": true]) : print("logged out")
    }
}

/// `myopenipctl whoami`: who the daemon sees calling.
struct WhoAmICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show who the daemon sees: the session's account, or the operator's uid.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let me = try await connection.withClient { client in try await client.identity.whoAmI() }
        if connection.json { return Output.printMessage(me) }
        if me.hasAccount {
            Output.printFields(
                me.account.fields + [
                    ("operator", me.isOperator ? "yes" : "no"),
                    ("rights", me.rights.isEmpty ? "-" : me.rights.joined(separator: ", ")),
                    ("terms to accept", me.mustAcceptTerms ? "yes (myopenipctl terms show, then terms accept)" : "no"),
                ])
        } else {
            Output.printFields([("operator", "uid \(me.operatorUid) over the Unix socket")])
        }
    }
}

/// `myopenipctl password set|change`.
struct PasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Ask for a password link, set a password with a mailed link's token, or change a session's own.",
        subcommands: [Forgot.self, Set.self, Change.self])

    struct Forgot: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask for a new password link by login or email (the forgotten-password form).",
            discussion: """
                The link goes by mail to the account's address, if the login or email is known; the answer is the \
                same either way, and at most one link is mailed every 5 minutes.
                """)

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The login (E-…) or the email of the account.") var identifier: String

        func run() async throws {
            try await connection.withClient { client in try await client.identity.requestPasswordReset(identifier: identifier) }
            connection.json
                ? Output.printJSON(["requested": true])
                : print("if an account has this login or email, a password link was mailed to its address")
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the password of the account of a link (the token after token= in the mail).")

        @OptionGroup var connection: ConnectionOptions
        @Option(parsing: .unconditional, help: "The link's token (it may start with a dash).") var linkToken: String
        @Flag(help: "Read the password, then its confirmation, from standard input (two lines).") var passwordStdin = false

        func run() async throws {
            let typed = try PasswordInput.read(
                [("new password", "New password: "), ("its confirmation", "Confirm the password: ")],
                fromStandardInput: passwordStdin)
            let (password, confirmation) = (typed[0], typed[1])
            let login = try await connection.withClient { client in
                try await client.identity.setPassword(token: linkToken, password: password, confirmation: confirmation)
            }
            connection.json ? Output.printJSON(["login": login]) : print("password set for \(login)")
        }
    }

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the password of the session's account; its other sessions are closed.")

        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Read the current password, the new one and its confirmation from standard input (three lines).")
        var passwordStdin = false

        func run() async throws {
            let typed = try PasswordInput.read(
                [
                    ("current password", "Current password: "), ("new password", "New password: "),
                    ("its confirmation", "Confirm the new password: "),
                ], fromStandardInput: passwordStdin)
            let (current, new, confirmation) = (typed[0], typed[1], typed[2])
            let closed = try await connection.withClient { client in
                try await client.identity.changePassword(current: current, new: new, confirmation: confirmation)
            }
            connection.json
                ? Output.printJSON(["revoked_sessions": closed]) : print("password changed; \(closed) other session(s) closed")
        }
    }
}
