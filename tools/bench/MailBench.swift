import Foundation
import MyOpenIPClient

/// `--mails N`: the outbox's delivery rate to an SMTP server on loopback, with 1 and more
/// connections, and what it does to other calls meanwhile.
///
/// For each number of connections: a daemon with delivery off queues `mails` password-link mails
/// (one new staff account each) and measures WhoAmI at 16 in flight as the baseline; it stops,
/// and the same data folder restarts with delivery on to ``SMTPSink``. The clock runs from that
/// start until the sink has accepted every mail, while WhoAmI is measured again.
enum MailBench {
    static func run(executable: String, mails: Int, connectionCounts: [Int], seconds: Double) async throws {
        print(
            "myopenip-bench --mails \(mails): delivery to an SMTP sink on loopback, WhoAmI at 16 in flight over the Unix socket, \(ProcessInfo.processInfo.activeProcessorCount) cores"
        )
        print("connections  mails  seconds  mails/s  WhoAmI calls/s  p50 µs   p99 µs  (before: calls/s  p50 µs   p99 µs)")
        for connections in connectionCounts {
            let sink = try await SMTPSink.start()
            let quiet = try DaemonProcess.start(executable: executable)
            let login = try await BenchCall.prepareAccount(socketPath: quiet.socketPath)
            try await queue(mails, socketPath: quiet.socketPath)
            let before = try await whoAmI(socketPath: quiet.socketPath, login: login, seconds: seconds)
            quiet.stop(keepingFolder: true)

            let sending = try DaemonProcess.start(
                executable: executable, folder: quiet.folder,
                arguments: [
                    "--smtp-host", "127.0.0.1", "--smtp-port", String(sink.port), "--mail-connections", String(connections),
                ])
            let start = ContinuousClock.now
            // Every mail queued, and the bench account's own.
            let total = mails + 1
            let socketPath = sending.socketPath
            async let during = whoAmI(socketPath: socketPath, login: login, seconds: seconds)
            while sink.count < total && start.duration(to: .now) < .seconds(600) {
                try await Task.sleep(for: .milliseconds(2))
            }
            let elapsed = start.duration(to: .now)
            let measured = try await during
            let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(
                String(
                    format: "%11d  %5d  %7.2f  %7.0f  %14.0f  %6.0f  %7.0f  (%16.0f  %6.0f  %7.0f)", connections, sink.count,
                    elapsedSeconds, Double(sink.count) / elapsedSeconds, measured.callsPerSecond, measured.percentile(0.5),
                    measured.percentile(0.99), before.callsPerSecond, before.percentile(0.5), before.percentile(0.99)))
            sending.stop()
            await sink.stop()
        }
    }

    /// Queues `count` mails: one staff account each, 16 at a time.
    static func queue(_ count: Int, socketPath: String) async throws {
        let admin = MyOpenIPClient(unixSocketPath: socketPath)
        defer { Task { await admin.close() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    for index in stride(from: worker, to: count, by: 16) {
                        _ = try await admin.identity.createAccount(
                            displayName: "Destinataire \(index)", email: "destinataire-\(index)@example.fr", kind: .operatorStaff)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// WhoAmI with a session of `login`, 16 in flight, for `seconds`.
    static func whoAmI(socketPath: String, login: String, seconds: Double) async throws -> LoadRun {
        let client = MyOpenIPClient(unixSocketPath: socketPath)
        defer { Task { await client.close() } }
        try await client.identity.login(identifier: login, password: BenchCall.password)
        return try await LoadRun.run(clients: [client], concurrency: 16, seconds: seconds, call: .whoami)
    }
}
