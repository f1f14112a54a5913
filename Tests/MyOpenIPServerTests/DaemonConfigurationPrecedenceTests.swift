import Foundation
import MyOpenIPServer
import Testing

@Suite("DaemonConfiguration precedence: file < environment < flags")
struct DaemonConfigurationPrecedenceTests {
    static let fullFile = """
        {
          "data_dir": "/file/data",
          "socket": "/file/myopenipd.sock",
          "listen": "127.0.0.2:1000",
          "max_message_bytes": 2048,
          "grace_seconds": 1.5,
          "log_level": "debug",
          "operator_uids": [5, 6]
        }
        """

    @Test("the config file overrides every default")
    func fileOverridesDefaults() async throws {
        try await withTemporaryFolder { folder in
            let path = try writeFile(Self.fullFile, named: "myopenipd.json", in: folder)
            let configuration = try DaemonConfiguration.resolve(flags: .init(), configFile: path, environment: [:])

            #expect(configuration.dataDirectory == "/file/data")
            #expect(configuration.socketPath == "/file/myopenipd.sock")
            #expect(configuration.tcp == .init(host: "127.0.0.2", port: 1000))
            #expect(configuration.maximumMessageSize == 2048)
            #expect(configuration.gracePeriod == .milliseconds(1500))
            #expect(configuration.logLevel == .debug)
            #expect(configuration.operatorUIDs == [5, 6])
        }
    }

    @Test("the environment overrides the file, and flags override both")
    func layering() async throws {
        try await withTemporaryFolder { folder in
            let path = try writeFile(Self.fullFile, named: "myopenipd.json", in: folder)
            let environment = [
                "MYOPENIP_LISTEN": "127.0.0.3:2000",
                "MYOPENIP_MAX_MESSAGE_BYTES": "4096",
                "MYOPENIP_LOG_LEVEL": "warning",
                "MYOPENIP_OPERATOR_UIDS": "7, 8",
                "MYOPENIP_SOCKET": "/env/myopenipd.sock",
            ]
            let flags = DaemonConfiguration.Overrides(listen: "127.0.0.4:3000", logLevel: "ERROR")

            let configuration = try DaemonConfiguration.resolve(flags: flags, configFile: path, environment: environment)

            // From the file only.
            #expect(configuration.dataDirectory == "/file/data")
            #expect(configuration.gracePeriod == .milliseconds(1500))
            // The environment over the file.
            #expect(configuration.socketPath == "/env/myopenipd.sock")
            #expect(configuration.maximumMessageSize == 4096)
            #expect(configuration.operatorUIDs == [7, 8])
            // Flags over both.
            #expect(configuration.tcp == .init(host: "127.0.0.4", port: 3000))
            #expect(configuration.logLevel == .error)
        }
    }

    @Test("MYOPENIP_CONFIG names the config file, and an explicit file wins over it")
    func configFromEnvironment() async throws {
        try await withTemporaryFolder { folder in
            let fromEnvironment = try writeFile(#"{"listen": "127.0.0.5:5000"}"#, named: "env.json", in: folder)
            let explicit = try writeFile(#"{"listen": "127.0.0.6:6000"}"#, named: "flag.json", in: folder)

            let viaEnvironment = try DaemonConfiguration.resolve(
                flags: .init(), configFile: nil, environment: ["MYOPENIP_CONFIG": fromEnvironment])
            #expect(viaEnvironment.tcp == .init(host: "127.0.0.5", port: 5000))

            let viaFlag = try DaemonConfiguration.resolve(
                flags: .init(), configFile: explicit, environment: ["MYOPENIP_CONFIG": fromEnvironment])
            #expect(viaFlag.tcp == .init(host: "127.0.0.6", port: 6000))
        }
    }

    @Test("an empty environment value is ignored")
    func emptyEnvironmentValue() throws {
        let configuration = try DaemonConfiguration.resolve(
            flags: .init(), configFile: nil,
            environment: ["MYOPENIP_LISTEN": "", "MYOPENIP_MAX_MESSAGE_BYTES": "", "MYOPENIP_CONFIG": ""])
        #expect(configuration.tcp == .init(host: "127.0.0.1", port: 7421))
        #expect(configuration.maximumMessageSize == 4 << 20)
    }

    @Test(
        "a log level is read case-insensitively",
        arguments: [
            ("trace", "trace"), ("DEBUG", "debug"), ("Notice", "notice"), ("critical", "critical"),
        ])
    func logLevels(text: String, expected: String) throws {
        let configuration = try DaemonConfiguration.resolve(
            flags: .init(logLevel: text), configFile: nil, environment: [:])
        #expect(configuration.logLevel.rawValue == expected)
    }

    @Test("log format and metrics port: off and text by default, from the file, the environment and the flags")
    func operating() async throws {
        let defaults = try DaemonConfiguration.resolve(flags: .init(), configFile: nil, environment: [:])
        #expect(defaults.logFormat == .text && defaults.metricsPort == nil)
        try await withTemporaryFolder { folder in
            let path = try writeFile(
                #"{"log_format": "json", "metrics_port": 9477}"#, named: "myopenipd.json", in: folder)
            let file = try DaemonConfiguration.resolve(flags: .init(), configFile: path, environment: [:])
            #expect(file.logFormat == .json && file.metricsPort == 9477)
            let environment = try DaemonConfiguration.resolve(
                flags: .init(), configFile: path, environment: ["MYOPENIP_LOG_FORMAT": "TEXT", "MYOPENIP_METRICS_PORT": "0"])
            #expect(environment.logFormat == .text && environment.metricsPort == 0)
            var flags = DaemonConfiguration.Overrides()
            flags.metricsPort = 9500
            let flagged = try DaemonConfiguration.resolve(flags: flags, configFile: path, environment: [:])
            #expect(flagged.metricsPort == 9500)
        }
        #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.resolve(flags: .init(), configFile: nil, environment: ["MYOPENIP_LOG_FORMAT": "xml"])
        }
        #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.resolve(flags: .init(), configFile: nil, environment: ["MYOPENIP_METRICS_PORT": "70000"])
        }
    }
}
