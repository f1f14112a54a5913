import Foundation
import MyOpenIPServer
import MyOpenIPTransport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("DaemonConfiguration defaults")
struct DaemonConfigurationDefaultsTests {
    @Test("the embedded defaults")
    func defaults() {
        let configuration = DaemonConfiguration.defaults(environment: ["MYOPENIP_DATA_DIR": "/srv/myopenip"])

        #expect(configuration.dataDirectory == "/srv/myopenip")
        #expect(configuration.socketPath == "/srv/myopenip/myopenipd.sock")
        #expect(configuration.tcp == .init(host: "127.0.0.1", port: 7421))
        #expect(configuration.maximumMessageSize == 4 * 1024 * 1024)
        #expect(configuration.gracePeriod == .seconds(10))
        #expect(configuration.logLevel == .info)
        #expect(configuration.operatorUIDs.contains(0))
        #expect(configuration.operatorUIDs.contains(getuid()))
    }

    @Test("the socket lives in the data folder")
    func socketInDataFolder() {
        let configuration = DaemonConfiguration.defaults(environment: ["HOME": "/home/someone"])
        #expect(configuration.socketPath == configuration.dataDirectory + "/" + DefaultEndpoints.socketFileName)
    }

    @Test("the default data folder: /var/lib for root, else the XDG state folder")
    func dataFolderByUser() {
        let withHome = DaemonConfiguration.defaults(environment: ["HOME": "/home/someone"])
        let withXDG = DaemonConfiguration.defaults(environment: ["HOME": "/home/someone", "XDG_STATE_HOME": "/state"])
        if getuid() == 0 {
            #expect(withHome.dataDirectory == "/var/lib/myopenip")
            #expect(withXDG.dataDirectory == "/var/lib/myopenip")
        } else {
            #expect(withHome.dataDirectory == "/home/someone/.local/state/myopenip")
            #expect(withXDG.dataDirectory == "/state/myopenip")
        }
    }

    @Test("resolving with nothing set gives the defaults")
    func resolveNothing() throws {
        let resolved = try DaemonConfiguration.resolve(
            flags: .init(), configFile: nil, environment: ["HOME": "/home/someone"])
        #expect(resolved == DaemonConfiguration.defaults(environment: ["HOME": "/home/someone"]))
    }

    @Test("the server configuration mirrors the daemon configuration")
    func serverConfiguration() throws {
        let configuration = try DaemonConfiguration.resolve(
            flags: .init(socket: "/run/x.sock", listen: "off", maxMessageBytes: 2048, graceSeconds: 2),
            configFile: nil, environment: [:])
        let server = configuration.serverConfiguration
        #expect(server.unix?.path == "/run/x.sock")
        #expect(server.tcp == nil)
        #expect(server.maximumPayloadSize == 2048)
        #expect(server.gracePeriod == .seconds(2))
    }
}
