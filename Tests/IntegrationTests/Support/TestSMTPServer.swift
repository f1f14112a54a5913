import Foundation
import Synchronization

/// A real SMTP server on loopback for the tests (`tools/smtp/test_smtp_server.py`, on aiosmtpd),
/// started on a free port with a spool folder of its own. The recipient's local part chooses its
/// behaviour (`tempfail-N…`, `reject…`, `drop-in-data…`, `slow-N…`; see the script). It stops
/// when the test ends it, or when the test process dies (it exits at the end of its input).
final class TestSMTPServer: Sendable {
    static let python = "/usr/bin/python3"
    static let script = Executables.packageRoot + "/tools/smtp/test_smtp_server.py"

    /// Whether Python and aiosmtpd are there (`tools/install-deps.sh` installs them); asked once.
    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python),
            let probe = try? Executables.runBlocking(python, ["-c", "import aiosmtpd"])
        else { return false }
        return probe.status == 0
    }()

    /// One message the server accepted.
    struct Received: Sendable {
        var sender: String
        var recipients: [String]
        /// The message as received (after dot-unstuffing), CRLF line ends.
        var raw: String
    }

    let port: Int
    let spool: String
    private let child: ChildProcess
    private let input: Int32
    private let stopped = Mutex(false)

    private init(port: Int, spool: String, child: ChildProcess, input: Int32) {
        self.port = port
        self.spool = spool
        self.child = child
        self.input = input
    }

    /// Starts a server; `arguments` add TLS or AUTH (`--tls-cert`, `--auth user:password`…).
    static func start(_ arguments: [String] = []) async throws -> TestSMTPServer {
        let spool = TestDaemon.makeFolder() + "-smtp"
        let standardInput = try PipeEnds()
        let output = try PipeEnds()
        let child: ChildProcess
        do {
            defer {
                close(standardInput.reading)
                close(output.writing)
            }
            child = try ChildProcess.spawn(
                python, [script, "--spool", spool] + arguments, environment: ProcessInfo.processInfo.environment,
                standardInput: standardInput.reading, standardOutput: output.writing)
        }
        // The first line is {"port": N}; nothing else is printed.
        let line = await onOwnThread { () -> String in
            var received: [UInt8] = []
            while !received.contains(UInt8(ascii: "\n")), let chunk = try? Descriptor.readSome(output.reading), !chunk.isEmpty {
                received += chunk
            }
            return String(decoding: received, as: UTF8.self)
        }
        close(output.reading)
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let port = object["port"] as? Int
        else {
            close(standardInput.writing)
            await child.exit()
            throw ChildProcess.Failure(description: "the SMTP test server did not start: \(line)")
        }
        return TestSMTPServer(port: port, spool: spool, child: child, input: standardInput.writing)
    }

    /// Stops the server and removes its spool.
    func stop() {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        // The end of its input stops it; it is reaped off the concurrency pool.
        close(input)
        Thread.detachNewThread { [child, spool] in
            child.waitUntilExit()
            try? FileManager.default.removeItem(atPath: spool)
        }
    }

    /// The messages accepted so far, in order.
    func messages() -> [Received] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []
        let numbers = names.compactMap { $0.hasSuffix(".json") ? Int($0.dropLast(5)) : nil }.sorted()
        return numbers.compactMap { number in
            guard let envelope = FileManager.default.contents(atPath: "\(spool)/\(number).json"),
                let object = try? JSONSerialization.jsonObject(with: envelope) as? [String: Any],
                let raw = FileManager.default.contents(atPath: "\(spool)/\(number).eml")
            else { return nil }
            return Received(
                sender: object["mail_from"] as? String ?? "", recipients: object["rcpt_tos"] as? [String] ?? [],
                raw: String(decoding: raw, as: UTF8.self))
        }
    }

    /// The messages to `recipient`.
    func messages(to recipient: String) -> [Received] {
        messages().filter { $0.recipients.contains { $0.lowercased() == recipient.lowercased() } }
    }

    /// Waits until `recipient` has `count` messages (or `timeout` passes); returns them.
    func waitForMessages(to recipient: String, count: Int = 1, within timeout: Duration = .seconds(10)) async
        -> [Received]
    {
        let end = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < end {
            let found = messages(to: recipient)
            if found.count >= count { return found }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return messages(to: recipient)
    }

    deinit { stop() }
}

/// A received message read back by Python's `email` package (a real MIME parser): decoded
/// headers, the text part, and the attachments' names and sizes.
struct ParsedMail: Sendable, Decodable {
    var headers: [String: String]
    var text: String
    var attachments: [Attachment]

    struct Attachment: Sendable, Decodable, Hashable {
        var filename: String
        var contentType: String
        var size: Int
    }

    static let parser = """
        import email, email.policy, json, sys
        m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
        text = m.get_body(preferencelist=("plain",))
        attachments = [{"filename": p.get_filename(), "contentType": p.get_content_type(),
                        "size": len(p.get_payload(decode=True))} for p in m.iter_attachments()]
        print(json.dumps({"headers": {k: str(v) for k, v in m.items()},
                          "text": text.get_content() if text else "", "attachments": attachments}))
        """

    static func parse(_ raw: String) async throws -> ParsedMail {
        let outcome = try await Executables.runProgram(TestSMTPServer.python, ["-c", parser], input: raw)
        guard outcome.status == 0 else {
            throw ChildProcess.Failure(description: "the message does not parse: \(outcome.standardError)")
        }
        return try JSONDecoder().decode(ParsedMail.self, from: Data(outcome.standardOutput.utf8))
    }
}
