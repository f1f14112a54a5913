import Foundation
import MyOpenIPServer
import Testing

@Suite("DaemonConfiguration errors")
struct DaemonConfigurationErrorTests {
    /// Resolves `flags` alone and returns the ConfigurationError it must throw.
    private func configurationError(flags: DaemonConfiguration.Overrides) -> ConfigurationError? {
        #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.resolve(flags: flags, configFile: nil, environment: [:])
        }
    }

    /// Resolves `environment` alone and returns the ConfigurationError it must throw.
    private func configurationError(environment: [String: String]) -> ConfigurationError? {
        #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.resolve(flags: .init(), configFile: nil, environment: environment)
        }
    }

    @Test("a listen address that is not HOST:PORT", arguments: ["nohost", ":80", "host:99999", "/a/b", "unix:/x"])
    func badListen(listen: String) {
        let error = configurationError(flags: .init(listen: listen))
        #expect(error?.description.contains("listen address \"\(listen)\"") == true)
    }

    @Test("an unknown log level")
    func badLogLevel() {
        let error = configurationError(flags: .init(logLevel: "loud"))
        #expect(error?.description.contains("unknown log level \"loud\"") == true)
    }

    @Test("a maximum message size out of range", arguments: [0, 1023, 16 << 20, Int.max, -1])
    func badSize(size: Int) {
        let error = configurationError(flags: .init(maxMessageBytes: size))
        #expect(error?.description.contains("maximum message size") == true)
    }

    @Test("maximum message sizes at the edges of the range", arguments: [1024, (16 << 20) - 1])
    func sizeAtEdges(size: Int) throws {
        let configuration = try DaemonConfiguration.resolve(
            flags: .init(maxMessageBytes: size), configFile: nil, environment: [:])
        #expect(configuration.maximumMessageSize == size)
    }

    @Test("a grace period out of range", arguments: [-1, 3600.5, .infinity, .nan])
    func badGrace(seconds: Double) {
        let error = configurationError(flags: .init(graceSeconds: seconds))
        #expect(error?.description.contains("grace period") == true)
    }

    @Test(
        "non-numeric environment values",
        arguments: [
            ("MYOPENIP_MAX_MESSAGE_BYTES", "4MiB"),
            ("MYOPENIP_GRACE_SECONDS", "ten"),
            ("MYOPENIP_OPERATOR_UIDS", "0,root"),
            ("MYOPENIP_OPERATOR_UIDS", "-1"),
        ])
    func nonNumericEnvironment(name: String, value: String) {
        let error = configurationError(environment: [name: value])
        #expect(error?.description.contains("\(name)=\(value)") == true)
    }

    @Test("out-of-range values from the environment")
    func outOfRangeEnvironment() {
        #expect(configurationError(environment: ["MYOPENIP_MAX_MESSAGE_BYTES": "10"]) != nil)
        #expect(configurationError(environment: ["MYOPENIP_LISTEN": "nohost"]) != nil)
        #expect(configurationError(environment: ["MYOPENIP_LOG_LEVEL": "verbose"]) != nil)
    }

    @Test("a config file that cannot be read")
    func unreadableFile() async throws {
        try await withTemporaryFolder { folder in
            let missing = folder + "/missing.json"
            let error = #expect(throws: ConfigurationError.self) {
                try DaemonConfiguration.resolve(flags: .init(), configFile: missing, environment: [:])
            }
            #expect(error?.description == "cannot read the config file \(missing)")

            let viaEnvironment = #expect(throws: ConfigurationError.self) {
                try DaemonConfiguration.resolve(flags: .init(), configFile: nil, environment: ["MYOPENIP_CONFIG": missing])
            }
            #expect(viaEnvironment?.description.contains(missing) == true)
        }
    }

    @Test(
        "a config file that is not valid",
        arguments: [
            "not json at all",
            #"{"listen": 7421}"#,
            #"{"operator_uids": [-1]}"#,
            #"["data_dir"]"#,
        ])
    func invalidFile(contents: String) async throws {
        try await withTemporaryFolder { folder in
            let path = try writeFile(contents, named: "bad.json", in: folder)
            let error = #expect(throws: ConfigurationError.self) {
                try DaemonConfiguration.resolve(flags: .init(), configFile: path, environment: [:])
            }
            #expect(error?.description.hasPrefix("the config file \(path) is not valid") == true)
        }
    }

    @Test("a valid file with a bad value is refused with that value's message")
    func badValueInFile() async throws {
        try await withTemporaryFolder { folder in
            let path = try writeFile(#"{"log_level": "shout"}"#, named: "level.json", in: folder)
            let error = #expect(throws: ConfigurationError.self) {
                try DaemonConfiguration.resolve(flags: .init(), configFile: path, environment: [:])
            }
            #expect(error?.description.contains("unknown log level \"shout\"") == true)
        }
    }
}
