import Foundation
import MyOpenIPClient
import MyOpenIPDomain
import MyOpenIPSMTP
import MyOpenIPServer
import MyOpenIPStore
import Testing

extension MailSettings {
    /// Delivery to `server`, looking at the outbox every 50 ms.
    static func test(_ server: TestSMTPServer, security: SMTPSettings.Security = .none, caFile: String? = nil) -> MailSettings {
        MailSettings(
            delivery: true,
            smtp: SMTPSettings(
                host: "127.0.0.1", port: server.port, security: security, caFile: caFile, heloName: "myopenip.test",
                connectTimeout: .seconds(5), commandTimeout: .seconds(10), dataTimeout: .seconds(10)),
            from: "no-reply@myopenip.fr", pollInterval: .milliseconds(50), owner: "test-daemon")
    }
}

/// Waits until mail `id` is in `state` (or 10 s pass); returns it.
func mail(_ id: Int64, becomes state: Myopenip_V1_MailState, through client: MyOpenIPClient) async throws
    -> Myopenip_V1_Mail
{
    let end = ContinuousClock.now.advanced(by: .seconds(10))
    var mail = try await client.mail.get(id: id)
    while mail.state != state && ContinuousClock.now < end {
        try await Task.sleep(for: .milliseconds(20))
        mail = try await client.mail.get(id: id)
    }
    return mail
}

/// One test at a time: each starts a Python SMTP server, and the suite's load beside the others
/// would only stretch every test's timings.
@Suite(
    "Mail delivery over SMTP, to a real server on loopback", .serialized,
    .enabled(if: TestSMTPServer.isAvailable, "python3-aiosmtpd is missing: tools/install-deps.sh"))
struct MailDeliveryTests {
    /// The id of the last mail queued for `login`.
    static func lastMail(of login: String, through admin: MyOpenIPClient) async throws -> Myopenip_V1_Mail {
        try #require(try await admin.mail.list(accountLogin: login).mails.first)
    }

    @Test("a password-link mail is delivered as real MIME, its French text intact, and its link works")
    func passwordLinkDelivered() async throws {
        let server = try await TestSMTPServer.start()
        defer { server.stop() }
        try await withTestDaemon(mail: .test(server)) { daemon async throws in
            let admin = daemon.operatorClient()
            let (account, _) = try await daemon.createUser(email: "alice.martin@example.fr")
            let queued = try await Self.lastMail(of: account.login, through: admin)
            let received = try #require(await server.waitForMessages(to: "alice.martin@example.fr").first)
            #expect(received.sender == "no-reply@myopenip.fr")

            let parsed = try await ParsedMail.parse(received.raw)
            #expect(parsed.headers["Subject"] == "\(account.login) votre requete à bien été traitée")
            #expect(parsed.headers["Message-ID"] == "<\(queued.messageID)>")
            #expect(queued.messageID.hasSuffix("@cm.myopenip.fr"))
            #expect(parsed.headers["Auto-Submitted"] == "auto-generated")
            #expect(parsed.headers["From"] == "MyOpenIP <no-reply@myopenip.fr>")
            #expect(parsed.headers["Date"] != nil)
            let text = parsed.text.replacingOccurrences(of: "\r\n", with: "\n")
            #expect(text.contains("Merci de cliquer sur le lien pour initialiser votre mot de passe"))
            #expect(text.contains("Ce mail a été envoyé automatiquement."))

            let sent = try await mail(queued.id, becomes: .sent, through: admin)
            #expect(sent.attemptCount == 1)
            #expect(sent.attempts.map(\.outcome) == ["delivered"])
            #expect(sent.attempts.first?.replyCode == 250)
            // The mail had the link's secret; the outbox keeps its text without it, and otherwise
            // the same: what left is what was queued.
            let token = try #require(linkToken(in: text))
            #expect(!sent.body.contains(token))
            #expect(text.replacingOccurrences(of: token, with: "[lien envoyé]") == sent.body + "\n")

            let user = daemon.client(.tcp)
            let login = try await user.identity.setPassword(token: token, password: goodPassword, confirmation: goodPassword)
            #expect(login == account.login)
            await user.close()
            await admin.close()
        }
    }

    @Test("a 451 is retried after the delay and then delivered once; every attempt is on the mail")
    func temporaryFailureIsRetried() async throws {
        let server = try await TestSMTPServer.start()
        defer { server.stop() }
        try await withTestDaemon(mail: .test(server)) { daemon async throws in
            let admin = daemon.operatorClient()
            let address = "tempfail-1-bob@example.fr"
            let (account, _) = try await daemon.createUser(email: address)
            let queued = try await Self.lastMail(of: account.login, through: admin)
            let deferred = try await mail(queued.id, becomes: .retrying, through: admin)
            #expect(deferred.lastError.hasPrefix("451 4.3.0"))
            #expect(deferred.attempts.map(\.outcome) == ["deferred"])
            #expect(deferred.attempts.first?.replyCode == 451)
            // Due five minutes later (the default first delay): nothing before.
            #expect(deferred.nextAttemptAt.seconds - deferred.attempts[0].endedAt.seconds == 300)
            try await Task.sleep(for: .milliseconds(200))
            #expect(server.messages(to: address).isEmpty)

            daemon.clock.advance(by: .seconds(301))
            let sent = try await mail(queued.id, becomes: .sent, through: admin)
            #expect(sent.attempts.map(\.outcome) == ["deferred", "delivered"])
            #expect(await server.waitForMessages(to: address).count == 1)
            await admin.close()
        }
    }

    @Test("a 550 fails the mail at once; staff see it among the failed, and a corrected address gets a new link")
    func permanentFailure() async throws {
        let server = try await TestSMTPServer.start()
        defer { server.stop() }
        try await withTestDaemon(mail: .test(server)) { daemon async throws in
            let admin = daemon.operatorClient()
            let (account, _) = try await daemon.createUser(email: "reject-carol@example.fr")
            let queued = try await Self.lastMail(of: account.login, through: admin)
            let failed = try await mail(queued.id, becomes: .failed, through: admin)
            #expect(failed.lastError == "550 5.1.1 No such user here")
            #expect(failed.attempts.map(\.outcome) == ["refused"])
            #expect(try await admin.mail.list(state: .failed).mails.map(\.id).contains(queued.id))
            let audit = try await admin.audit.list(action: "mail.failed")
            #expect(audit.events.contains { $0.details["mail"] == String(queued.id) })

            // What staff see from the command line.
            if Executables.areBuilt {
                let socket = ["--socket", daemon.socketPath]
                let list = try await Executables.run("myopenipctl", ["mail", "list", "--state", "failed"] + socket)
                #expect(list.status == 0, "\(list.standardError)")
                #expect(list.standardOutput.contains("Échec"))
                #expect(list.standardOutput.contains("reject-carol@example.fr"))
                let shown = try await Executables.run("myopenipctl", ["mail", "show", String(queued.id)] + socket)
                #expect(shown.standardOutput.contains("550 5.1.1 No such user here"))
                #expect(shown.standardOutput.contains("refused"))
                let bad = try await Executables.run("myopenipctl", ["mail", "list", "--state", "lost"] + socket)
                #expect(bad.status == 64)
            }

            // The address corrected: a new link goes to the new one, and works.
            _ = try await admin.identity.updateAccount(login: account.login, email: "carol@example.fr")
            let received = try #require(await server.waitForMessages(to: "carol@example.fr").first)
            let parsed = try await ParsedMail.parse(received.raw)
            let token = try #require(linkToken(in: parsed.text))
            let user = daemon.client(.tcp)
            _ = try await user.identity.setPassword(token: token, password: goodPassword, confirmation: goodPassword)
            await user.close()
            await admin.close()
        }
    }

    @Test("a server that drops the connection in the middle of the data: retried, delivered once")
    func connectionLostInData() async throws {
        let server = try await TestSMTPServer.start()
        defer { server.stop() }
        try await withTestDaemon(mail: .test(server)) { daemon async throws in
            let admin = daemon.operatorClient()
            let address = "drop-in-data-dave@example.fr"
            let (account, _) = try await daemon.createUser(email: address)
            let queued = try await Self.lastMail(of: account.login, through: admin)
            let deferred = try await mail(queued.id, becomes: .retrying, through: admin)
            #expect(deferred.attempts.map(\.outcome) == ["deferred"])
            #expect(deferred.lastError.contains("closed by the relay") || deferred.lastError.contains("connection"))
            daemon.clock.advance(by: .seconds(301))
            _ = try await mail(queued.id, becomes: .sent, through: admin)
            #expect(await server.waitForMessages(to: address).count == 1)
            await admin.close()
        }
    }

    @Test("operator staff retry a failed mail and cancel a waiting one; the states that forbid it say so")
    func retryAndCancel() async throws {
        let server = try await TestSMTPServer.start()
        defer { server.stop() }
        try await withTestDaemon(mail: .test(server)) { daemon async throws in
            let admin = daemon.operatorClient()
            let (rejected, _) = try await daemon.createUser(email: "reject-erin@example.fr")
            let failedMail = try await Self.lastMail(of: rejected.login, through: admin)
            _ = try await mail(failedMail.id, becomes: .failed, through: admin)
            let retried = try await admin.mail.retry(id: failedMail.id)
            #expect(retried.state == .retrying || retried.state == .sending)
            let failedAgain = try await mail(failedMail.id, becomes: .failed, through: admin)
            #expect(failedAgain.attempts.count == 2)

            let (waiting, _) = try await daemon.createUser(email: "tempfail-5-frank@example.fr")
            let waitingMail = try await Self.lastMail(of: waiting.login, through: admin)
            _ = try await mail(waitingMail.id, becomes: .retrying, through: admin)
            let cancelled = try await admin.mail.cancel(id: waitingMail.id)
            #expect(cancelled.state == .cancelled)
            #expect(cancelled.body.contains("token=[lien envoyé]"))
            let again = await rpcError { try await admin.mail.cancel(id: waitingMail.id) }
            #expect(again?.code == .failedPrecondition)
            #expect(again?.reason == "MAIL_STATE")
            #expect(again?.message == "Ce mail ne peut pas être annulé : il est « Annulé »")
            let missing = await rpcError { try await admin.mail.retry(id: 999_999) }
            #expect(missing?.code == .notFound)
            await admin.close()
        }
    }

    @Test("STARTTLS with AUTH: the mail goes over TLS to a relay that checks the password")
    func startTLSWithAuthentication() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let made = try await Executables.runProgram(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
                "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ])
        try #require(made.status == 0, "\(made.standardError)")
        let server = try await TestSMTPServer.start([
            "--tls-cert", folder + "/cert.pem", "--tls-key", folder + "/key.pem", "--auth", "relay-user:s3cret-relay",
        ])
        defer { server.stop() }
        var settings = MailSettings.test(server, security: .starttls, caFile: folder + "/cert.pem")
        settings.smtp.username = "relay-user"
        settings.smtp.password = "s3cret-relay"
        try await withTestDaemon(mail: settings) { daemon async throws in
            let admin = daemon.operatorClient()
            let (account, _) = try await daemon.createUser(email: "grace@example.fr")
            let queued = try await Self.lastMail(of: account.login, through: admin)
            _ = try await mail(queued.id, becomes: .sent, through: admin)
            #expect(await server.waitForMessages(to: "grace@example.fr").count == 1)
            await admin.close()
        }

        // A wrong password is the relay's or the settings' fault: the mail waits, it does not fail.
        settings.smtp.password = "wrong"
        try await withTestDaemon(mail: settings) { daemon async throws in
            let admin = daemon.operatorClient()
            let (account, _) = try await daemon.createUser(email: "heidi@example.fr")
            let queued = try await Self.lastMail(of: account.login, through: admin)
            let waiting = try await mail(queued.id, becomes: .retrying, through: admin)
            #expect(waiting.lastError.contains("535"))
            await admin.close()
        }
    }

    @Test(
        "a daemon killed while the relay holds the mail's data is not sent again after its restart",
        .enabled(if: Executables.areBuilt, "build the products first: swift build"))
    func killedAfterTheEndOfTheData() async throws {
        let server = try await TestSMTPServer.start()
        defer { server.stop() }
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let socket = folder + "/myopenipd.sock"
        func start() async throws -> ChildProcess {
            let ready = folder + "/ready.json"
            try? FileManager.default.removeItem(atPath: ready)
            var environment = ProcessInfo.processInfo.environment
            environment["MYOPENIP_MAIL_POLL_SECONDS"] = "0.05"
            let daemon = try ChildProcess.spawn(
                Executables.folder + "/myopenipd",
                [
                    "--data-dir", folder, "--listen", "127.0.0.1:0", "--ready-file", ready, "--log-level", "error",
                    "--smtp-host", "127.0.0.1", "--smtp-port", String(server.port),
                ], environment: environment)
            for _ in 0..<500 where !FileManager.default.fileExists(atPath: ready) {
                try await Task.sleep(for: .milliseconds(20))
            }
            return daemon
        }
        // The relay keeps the mail, then waits 5 s before saying 250: the kill lands in between.
        let address = "slow-5-ivan@example.fr"
        let first = try await start()
        let admin = MyOpenIPClient(target: .unix(path: socket))
        let account = try await admin.identity.createAccount(
            displayName: "Ivan Petit", email: address, kind: .operatorStaff, companyReference: "")
        let queued = try #require(try await admin.mail.list(accountLogin: account.login).mails.first)
        #expect(await server.waitForMessages(to: address).count == 1)
        await admin.close()
        kill(first.processIdentifier, SIGKILL)
        await first.exit()

        let second = try await start()
        defer { second.stopInBackground() }
        let client = MyOpenIPClient(target: .unix(path: socket))
        let settled = try await mail(queued.id, becomes: .failed, through: client)
        #expect(settled.lastError == SQLiteMailDeliveryRepository.uncertainError)
        #expect(settled.attempts.map(\.outcome) == ["interrupted"])
        // Nothing more reaches the relay.
        try await Task.sleep(for: .milliseconds(500))
        #expect(server.messages(to: address).count == 1)
        await client.close()
        second.terminate()
        await second.exit()
    }
}

@Suite(
    "Mail messages as a real MIME parser reads them",
    .enabled(if: TestSMTPServer.isAvailable, "python3 is missing: tools/install-deps.sh"))
struct MIMEMessageParsingTests {
    @Test("a French mail with a PDF and a non-ASCII file name: every header, the text and the files come back")
    func attachmentsAndFrenchText() async throws {
        let pdf = [UInt8]("%PDF-1.7\n".utf8) + (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let body = "Bonjour,\n\nVotre facture de décembre est jointe : 1 234,56 € TTC.\n.Une ligne qui commence par un point.\n"
        let message = MIMEMessage(
            from: "facturation@myopenip.fr", fromName: "MyOpenIP Facturation", to: "compta@example.fr",
            subject: "Votre facture n° FA-2026-00042 — échéance le 31/12", body: body,
            date: Timestamp(milliseconds: 1_796_212_800_000), messageID: "3f0c6e1a@cm.myopenip.fr",
            attachments: [
                MailAttachment(filename: "Facture FA-2026-00042.pdf", contentType: "application/pdf", data: pdf),
                MailAttachment(filename: "détail des lignes.csv", contentType: "text/csv", data: Array("a;b\n".utf8)),
            ])
        let parsed = try await ParsedMail.parse(String(decoding: message.rendered(), as: UTF8.self))
        #expect(parsed.headers["Subject"] == "Votre facture n° FA-2026-00042 — échéance le 31/12")
        #expect(parsed.headers["From"] == "MyOpenIP Facturation <facturation@myopenip.fr>")
        #expect(parsed.headers["Message-ID"] == "<3f0c6e1a@cm.myopenip.fr>")
        #expect(parsed.headers["Auto-Submitted"] == "auto-generated")
        #expect(parsed.headers["Date"] == "Wed, 02 Dec 2026 12:00:00 +0000")
        #expect(parsed.text.replacingOccurrences(of: "\r\n", with: "\n") == body)
        #expect(
            Set(parsed.attachments) == [
                .init(filename: "Facture FA-2026-00042.pdf", contentType: "application/pdf", size: pdf.count),
                .init(filename: "détail des lignes.csv", contentType: "text/csv", size: 4),
            ])
    }
}
