import Foundation
import MyOpenIPServer
import Testing

@Suite("DaemonConfiguration data folder, socket and TCP")
struct DaemonConfigurationListenerTests {
    @Test("moving the data folder moves the default socket with it")
    func dataFolderMovesDefaultSocket() throws {
        let byFlag = try DaemonConfiguration.resolve(
            flags: .init(dataDirectory: "/srv/data"), configFile: nil, environment: [:])
        #expect(byFlag.dataDirectory == "/srv/data")
        #expect(byFlag.socketPath == "/srv/data/myopenipd.sock")

        let byEnvironment = try DaemonConfiguration.resolve(
            flags: .init(), configFile: nil, environment: ["MYOPENIP_DATA_DIR": "/env/data"])
        #expect(byEnvironment.socketPath == "/env/data/myopenipd.sock")

        let twice = try DaemonConfiguration.resolve(
            flags: .init(dataDirectory: "/flag/data"), configFile: nil, environment: ["MYOPENIP_DATA_DIR": "/env/data"])
        #expect(twice.dataDirectory == "/flag/data")
        #expect(twice.socketPath == "/flag/data/myopenipd.sock")
    }

    @Test("moving the data folder leaves an explicitly set socket alone")
    func explicitSocketStays() throws {
        let sameLayer = try DaemonConfiguration.resolve(
            flags: .init(dataDirectory: "/srv/data", socket: "/run/myopenipd.sock"), configFile: nil, environment: [:])
        #expect(sameLayer.dataDirectory == "/srv/data")
        #expect(sameLayer.socketPath == "/run/myopenipd.sock")

        let lowerLayer = try DaemonConfiguration.resolve(
            flags: .init(dataDirectory: "/srv/data"), configFile: nil,
            environment: ["MYOPENIP_SOCKET": "/run/env.sock"])
        #expect(lowerLayer.dataDirectory == "/srv/data")
        #expect(lowerLayer.socketPath == "/run/env.sock")
    }

    @Test("\"off\" disables the socket")
    func socketOff() throws {
        let configuration = try DaemonConfiguration.resolve(
            flags: .init(socket: "off"), configFile: nil, environment: [:])
        #expect(configuration.socketPath == nil)
        #expect(configuration.tcp != nil)
        #expect(configuration.serverConfiguration.unix == nil)
    }

    @Test("\"off\" disables TCP")
    func tcpOff() throws {
        let configuration = try DaemonConfiguration.resolve(
            flags: .init(listen: "off"), configFile: nil, environment: [:])
        #expect(configuration.tcp == nil)
        #expect(configuration.socketPath != nil)
    }

    @Test("both off is a ConfigurationError")
    func bothOff() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.resolve(flags: .init(socket: "off", listen: "off"), configFile: nil, environment: [:])
        }
        #expect(error?.description.contains("both the socket and TCP are off") == true)

        let acrossLayers = #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.resolve(
                flags: .init(listen: "off"), configFile: nil, environment: ["MYOPENIP_SOCKET": "off"])
        }
        #expect(acrossLayers != nil)
    }

    @Test("a lower layer may turn both off when a higher layer turns one back on")
    func bothOffThenReenabled() async throws {
        try await withTemporaryFolder { folder in
            let path = try writeFile(#"{"socket": "off", "listen": "off"}"#, named: "off.json", in: folder)
            let configuration = try DaemonConfiguration.resolve(
                flags: .init(listen: "127.0.0.1:7421"), configFile: path, environment: [:])
            #expect(configuration.socketPath == nil)
            #expect(configuration.tcp == .init(host: "127.0.0.1", port: 7421))
        }
    }

    @Test("listen accepts IPv6 and port 0")
    func listenForms() throws {
        let ipv6 = try DaemonConfiguration.resolve(flags: .init(listen: "[::1]:7000"), configFile: nil, environment: [:])
        #expect(ipv6.tcp == .init(host: "::1", port: 7000))
        let any = try DaemonConfiguration.resolve(flags: .init(listen: "0.0.0.0:0"), configFile: nil, environment: [:])
        #expect(any.tcp == .init(host: "0.0.0.0", port: 0))
    }
}
