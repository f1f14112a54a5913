import Foundation
import MyOpenIPServer
import Testing

@Suite("DaemonConfiguration: identity settings")
struct DaemonConfigurationIdentityTests {
    @Test("defaults: 30 idle minutes, 12 hours at most, 72-hour links, lock after 5 failures")
    func defaults() {
        let identity = DaemonConfiguration.defaults(environment: [:]).identity
        #expect(identity.sessions.idleTimeout == .seconds(1800))
        #expect(identity.sessions.maximumLifetime == .seconds(12 * 3600))
        #expect(identity.passwordLinkLifetime == .seconds(72 * 3600))
        #expect(identity.lockout.threshold == 5)
        #expect(identity.passwordLink(token: "abc") == "https://cm.myopenip.fr/initialisation-mot-de-passe?token=abc")
    }

    @Test("the config file and the environment set them")
    func overrides() async throws {
        try await withTemporaryFolder { folder in
            let path = try writeFile(
                #"{"session_idle_minutes": 10, "session_max_hours": 2, "password_link_hours": 24, "lockout_threshold": 3, "portal_url": "https://portal.example.fr/"}"#,
                named: "c.json", in: folder)
            let fromFile = try DaemonConfiguration.resolve(flags: .init(), configFile: path, environment: [:]).identity
            #expect(fromFile.sessions.idleTimeout == .seconds(600))
            #expect(fromFile.sessions.maximumLifetime == .seconds(7200))
            #expect(fromFile.passwordLinkLifetime == .seconds(86_400))
            #expect(fromFile.lockout.threshold == 3)
            #expect(fromFile.passwordLink(token: "t") == "https://portal.example.fr/initialisation-mot-de-passe?token=t")

            let fromEnvironment = try DaemonConfiguration.resolve(
                flags: .init(), configFile: path,
                environment: ["MYOPENIP_LOCKOUT_THRESHOLD": "8", "MYOPENIP_SESSION_IDLE_MINUTES": "5"]
            ).identity
            #expect(fromEnvironment.lockout.threshold == 8)
            #expect(fromEnvironment.sessions.idleTimeout == .seconds(300))
        }
    }

    @Test(
        "values out of range are refused with the key's name",
        arguments: [
            ("MYOPENIP_SESSION_IDLE_MINUTES", "0"), ("MYOPENIP_SESSION_MAX_HOURS", "10000"),
            ("MYOPENIP_PASSWORD_LINK_HOURS", "-1"), ("MYOPENIP_LOCKOUT_THRESHOLD", "0"),
            ("MYOPENIP_PORTAL_URL", "ftp://x"), ("MYOPENIP_LOCKOUT_THRESHOLD", "many"),
        ])
    func refused(name: String, value: String) {
        #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.resolve(flags: .init(), configFile: nil, environment: [name: value])
        }
    }
}
