import Foundation
import Logging
import MyOpenIPClient
import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPServer
import MyOpenIPTransport
import Testing

/// The two transports every integration test runs over.
enum TestTransport: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case unix, tcp
    var testDescription: String { rawValue }
}

/// A real daemon started in-process on a temporary Unix socket and on TCP port 0, with the probe
/// service registered, for tests to call through ``MyOpenIPClient`` as a microservice would.
final class TestDaemon: Sendable {
    let daemon: Daemon
    let folder: String
    let addresses: ListeningAddresses
    let probe: Probe
    /// The daemon's clock of expiries: it stands still until a test moves it.
    let clock: AdjustableTimeSource
    private let runTask: Task<Void, any Error>

    var socketPath: String { addresses.unixPath! }
    var tcpPort: Int { addresses.tcp!.port }

    private init(
        daemon: Daemon, folder: String, addresses: ListeningAddresses, probe: Probe, clock: AdjustableTimeSource,
        runTask: Task<Void, any Error>
    ) {
        self.daemon = daemon
        self.clock = clock
        self.folder = folder
        self.addresses = addresses
        self.probe = probe
        self.runTask = runTask
    }

    /// A fresh folder short enough for a Unix socket path.
    static func makeFolder() -> String {
        let folder = "/tmp/myopenip-test-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func start(
        folder: String = makeFolder(),
        socketPath: String? = nil,
        grace: Duration = .seconds(5),
        maximumMessageSize: Int? = nil,
        maximumCallsPerConnection: Int? = nil,
        operatorUIDs: Set<UInt32>? = nil,
        connections: ConnectionSettings? = nil,
        failedLoginsPerAddress: Int? = nil,
        mail: MailSettings? = nil
    ) async throws -> TestDaemon {
        let clock = AdjustableTimeSource()
        var configuration = DaemonConfiguration.defaults(environment: [:])
        // Mails wait in the outbox unless a test gives a relay: none of them leaves this machine.
        configuration.mail = mail ?? MailSettings(delivery: false)
        configuration.dataDirectory = folder
        configuration.socketPath = socketPath ?? folder + "/d.sock"
        configuration.tcp = .init(host: "127.0.0.1", port: 0)
        configuration.gracePeriod = grace
        if let maximumMessageSize { configuration.maximumMessageSize = maximumMessageSize }
        if let operatorUIDs { configuration.operatorUIDs = operatorUIDs }
        if let maximumCallsPerConnection { configuration.maximumCallsPerConnection = maximumCallsPerConnection }
        if let connections { configuration.connections = connections }
        if let failedLoginsPerAddress { configuration.identity.failedLoginsPerAddress = failedLoginsPerAddress }
        // Cheaper password hashes (N = 2^12): many daemons share the test process's thread pool.
        configuration.identity.passwordHashing = .init(logRounds: 12)
        var logger = Logger(label: "test-daemon")
        logger.logLevel = ProcessInfo.processInfo.environment["MYOPENIP_TEST_LOG"] == nil ? .critical : .debug
        let probe = Probe()
        let daemon = try Daemon(
            configuration: configuration, additionalServices: [ProbeService(probe: probe)],
            additionalRules: ProbeService.rules, time: clock, logger: logger)
        let runTask = Task { try await daemon.run() }
        let server = daemon.server
        let addresses = try await server.listeningAddresses()
        return TestDaemon(daemon: daemon, folder: folder, addresses: addresses, probe: probe, clock: clock, runTask: runTask)
    }

    /// Waits until the daemon has `count` connections open, or `timeout` passes. A client's close
    /// returns before the daemon has seen its end: counts that follow closes must wait.
    func connections(become count: Int, within timeout: Duration = .seconds(10)) async -> Bool {
        let end = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < end {
            if daemon.server.connectionCount == count { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return daemon.server.connectionCount == count
    }

    /// A client of this daemon over `transport`.
    func client(_ transport: TestTransport, configuration: MyOpenIPClient.Configuration = .init()) -> MyOpenIPClient {
        MyOpenIPClient(target: target(transport), configuration: configuration)
    }

    func target(_ transport: TestTransport) -> ConnectionTarget {
        switch transport {
        case .unix: return .unix(path: socketPath)
        case .tcp: return .tcp(host: "127.0.0.1", port: tcpPort)
        }
    }

    /// Begins a graceful shutdown and waits until the server has stopped.
    func stop() async throws {
        daemon.beginShutdown()
        try await runTask.value
    }

    /// Cancels the server task, as a service group does when a graceful shutdown is not possible.
    func cancel() {
        runTask.cancel()
    }

    /// Waits for the server task to end (after a shutdown begun elsewhere).
    func waitUntilStopped() async throws {
        try await runTask.value
    }

    func removeFolder() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// Runs `body` against a fresh daemon, and stops it and removes its folder afterwards.
func withTestDaemon<T>(
    grace: Duration = .seconds(5),
    maximumMessageSize: Int? = nil,
    maximumCallsPerConnection: Int? = nil,
    operatorUIDs: Set<UInt32>? = nil,
    connections: ConnectionSettings? = nil,
    failedLoginsPerAddress: Int? = nil,
    mail: MailSettings? = nil,
    _ body: (TestDaemon) async throws -> T
) async throws -> T {
    let daemon = try await TestDaemon.start(
        grace: grace, maximumMessageSize: maximumMessageSize, maximumCallsPerConnection: maximumCallsPerConnection,
        operatorUIDs: operatorUIDs, connections: connections, failedLoginsPerAddress: failedLoginsPerAddress, mail: mail)
    do {
        let result = try await body(daemon)
        try await daemon.stop()
        daemon.removeFolder()
        return result
    } catch {
        try? await daemon.stop()
        daemon.removeFolder()
        throw error
    }
}

extension MyOpenIPClient {
    /// Calls a probe method.
    func probe(
        _ method: MethodDescriptor, _ parameters: [String: String] = [:], options: CallOptions = .default
    ) async throws -> Google_Rpc_ErrorInfo {
        try await unary(method, request: Google_Rpc_ErrorInfo.probe(parameters), as: Google_Rpc_ErrorInfo.self, options: options)
    }
}

/// The error a call threw, as an ``RPCError``, or nil when it succeeded.
func rpcError<T>(_ body: () async throws -> T) async -> RPCError? {
    do {
        _ = try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(.unknown, "not an RPCError: \(error)")
    }
}
