import Foundation
import MyOpenIPSMTP
import MyOpenIPServer
import Testing

@Suite("DaemonConfiguration: mail delivery settings")
struct DaemonConfigurationMailTests {
    @Test("defaults: delivery on, to a relay on 127.0.0.1:25 without TLS, one connection, retries from 5 minutes to 4 days")
    func defaults() throws {
        let mail = try DaemonConfiguration.resolve(flags: .init(), configFile: nil, environment: [:]).mail
        #expect(mail.delivery)
        #expect(mail.smtp.host == "127.0.0.1")
        #expect(mail.smtp.port == 25)
        #expect(mail.smtp.security == .none)
        #expect(mail.smtp.username == nil)
        #expect(mail.from == "no-reply@myopenip.fr")
        #expect(mail.connections == 1)
        #expect(mail.retry.firstDelay == .seconds(300))
        #expect(mail.retry.maximumDelay == .seconds(3600))
        #expect(mail.retry.giveUpAfter == .seconds(4 * 24 * 3600))
        #expect(!mail.owner.isEmpty)
    }

    @Test("the file's mail object, then the environment, then flags; the password from a file and never in descriptions")
    func overrides() async throws {
        try await withTemporaryFolder { folder in
            let secret = try writeFile("p4ss-relay\n", named: "smtp-password", in: folder)
            let path = try writeFile(
                """
                {"mail": {"smtp_host": "smtp.example.fr", "smtp_port": 587, "smtp_security": "starttls",
                 "smtp_username": "portail", "smtp_password_file": "\(secret)", "from": "portail@myopenip.fr",
                 "connections": 4, "retry_first_minutes": 1, "give_up_hours": 48}}
                """, named: "c.json", in: folder)
            let fromFile = try DaemonConfiguration.resolve(flags: .init(), configFile: path, environment: [:]).mail
            #expect(fromFile.smtp.host == "smtp.example.fr")
            #expect(fromFile.smtp.port == 587)
            #expect(fromFile.smtp.security == .starttls)
            #expect(fromFile.smtp.password == "p4ss-relay")
            #expect(fromFile.from == "portail@myopenip.fr")
            #expect(fromFile.connections == 4)
            #expect(fromFile.retry.firstDelay == .seconds(60))
            #expect(fromFile.retry.giveUpAfter == .seconds(48 * 3600))
            #expect(!"\(fromFile.smtp)".contains("p4ss"))
            #expect("\(fromFile.smtp)" == "starttls://portail@smtp.example.fr:587")

            var flags = DaemonConfiguration.Overrides()
            var mail = MailOverrides()
            mail.delivery = "off"
            mail.smtpPort = 2525
            flags.mail = mail
            let layered = try DaemonConfiguration.resolve(
                flags: flags, configFile: path, environment: ["MYOPENIP_SMTP_HOST": "relay.local", "MYOPENIP_SMTP_PORT": "465"]
            ).mail
            #expect(layered.smtp.host == "relay.local")
            #expect(layered.smtp.port == 2525)
            #expect(!layered.delivery)
        }
    }

    @Test(
        "values that cannot be used are refused with the key's name",
        arguments: [
            ("MYOPENIP_MAIL_DELIVERY", "maybe", "mail delivery"), ("MYOPENIP_SMTP_PORT", "0", "smtp_port"),
            ("MYOPENIP_SMTP_SECURITY", "ssl", "smtp_security"), ("MYOPENIP_MAIL_FROM", "portail", "mail_from"),
            ("MYOPENIP_MAIL_CONNECTIONS", "100", "connections"), ("MYOPENIP_SMTP_USERNAME", "portail", "smtp_username"),
            ("MYOPENIP_SMTP_CA_FILE", "/no/such/file.pem", "CA file"), ("MYOPENIP_MAIL_GIVE_UP_HOURS", "0", "give_up_hours"),
        ])
    func refused(name: String, value: String, mentions: String) {
        do {
            _ = try DaemonConfiguration.resolve(flags: .init(), configFile: nil, environment: [name: value])
            Issue.record("\(name)=\(value) was accepted")
        } catch {
            #expect("\(error)".contains(mentions), "\(error)")
        }
    }
}
