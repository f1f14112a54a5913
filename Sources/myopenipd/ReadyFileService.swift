import Foundation
import Logging
import MyOpenIPServer
import MyOpenIPTransport
import ServiceLifecycle

/// Writes the daemon's real listening addresses to a file once it listens, for scripts and
/// benchmarks that start it on port 0, and removes the file at shutdown.
struct ReadyFileService: Service {
    let path: String
    let server: RPCServer
    /// The metrics endpoint, when it is on: its address is written too.
    let metrics: MetricsEndpoint?
    let logger: Logger

    func run() async throws {
        let addresses = try await server.listeningAddresses()
        var object: [String: Any] = ["pid": Int(ProcessInfo.processInfo.processIdentifier)]
        if let unix = addresses.unixPath { object["unix"] = unix }
        if let tcp = addresses.tcp { object["tcp"] = "\(tcp.host):\(tcp.port)" }
        if let metrics { object["metrics"] = "127.0.0.1:\(try await metrics.boundPort())" }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let temporary = path + ".tmp"
        try data.write(to: URL(fileURLWithPath: temporary))
        _ = rename(temporary, path)
        logger.debug("ready file written", metadata: ["path": "\(path)"])
        try? await gracefulShutdown()
        unlink(path)
    }
}
