import Foundation

/// A myopenipd started as a child process on a temporary data folder, TCP port 0.
final class DaemonProcess {
    let process: Process
    let folder: URL
    let socketPath: String
    let tcpPort: Int

    private init(process: Process, folder: URL, socketPath: String, tcpPort: Int) {
        self.process = process
        self.folder = folder
        self.socketPath = socketPath
        self.tcpPort = tcpPort
    }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts a daemon on `folder` (a new temporary one by default) with `arguments` added;
    /// mail delivery is off unless they turn it on.
    static func start(executable: String, folder given: URL? = nil, arguments: [String] = ["--mail-delivery", "off"]) throws
        -> DaemonProcess
    {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw StartFailure(description: "no myopenipd at \(executable); build it first (swift build -c release)")
        }
        let folder =
            given
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("myopenip-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ready = folder.appendingPathComponent("ready.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            [
                "--data-dir", folder.path, "--listen", "127.0.0.1:0", "--ready-file", ready.path, "--log-level", "warning",
            ] + arguments
        try? FileManager.default.removeItem(at: ready)
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let data = try? Data(contentsOf: ready),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let unix = object["unix"] as? String, let tcp = object["tcp"] as? String,
                let port = tcp.split(separator: ":").last.flatMap({ Int($0) })
            {
                return DaemonProcess(process: process, folder: folder, socketPath: unix, tcpPort: port)
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        process.terminate()
        throw StartFailure(description: "myopenipd did not become ready")
    }

    /// The daemon's resident memory (VmRSS), in KiB.
    func residentKiB() -> Int { statusField("VmRSS") }

    /// The daemon's peak resident memory (VmHWM), in KiB.
    func peakResidentKiB() -> Int { statusField("VmHWM") }

    private func statusField(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else {
            return 0
        }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    /// Stops the daemon (SIGTERM) and removes its folder, unless `keepingFolder`.
    func stop(keepingFolder: Bool = false) {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        if !keepingFolder { try? FileManager.default.removeItem(at: folder) }
    }
}
