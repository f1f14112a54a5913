import Foundation
import MyOpenIPServer
import Testing

@Suite("DaemonConfiguration: calls per connection")
struct DaemonConfigurationCallLimitTests {
    @Test func theDefaultIs1024AndReachesTheServer() throws {
        let configuration = try DaemonConfiguration.resolve(flags: .init(), configFile: nil, environment: [:])
        #expect(configuration.maximumCallsPerConnection == 1024)
        #expect(configuration.serverConfiguration.maximumCallsPerConnection == 1024)
    }

    @Test func flagsWinOverTheEnvironment() throws {
        let configuration = try DaemonConfiguration.resolve(
            flags: .init(maxCallsPerConnection: 8), configFile: nil,
            environment: ["MYOPENIP_MAX_CALLS_PER_CONNECTION": "64"])
        #expect(configuration.maximumCallsPerConnection == 8)
        let fromEnvironment = try DaemonConfiguration.resolve(
            flags: .init(), configFile: nil, environment: ["MYOPENIP_MAX_CALLS_PER_CONNECTION": "64"])
        #expect(fromEnvironment.maximumCallsPerConnection == 64)
    }

    @Test(arguments: [0, -1, 1_000_001])
    func outOfRangeIsRefused(value: Int) {
        let error = #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.resolve(flags: .init(maxCallsPerConnection: value), configFile: nil, environment: [:])
        }
        #expect(error?.description.contains("calls per connection") == true)
    }
}
