import Foundation
import MyOpenIPClient
import MyOpenIPRPC
import Testing

@Suite(
    "Operating the daemon: JSON logs with request ids and traces, Prometheus metrics on loopback",
    .serialized, .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct OperatingTests {
    @Test("every call line is one JSON object with its request id, method, status, duration and caller; metrics move")
    func logsAndMetrics() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ready = folder + "/ready.json"
        let logPath = folder + "/daemon.log"
        let log = open(logPath, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        let daemon: ChildProcess
        do {
            defer { close(log) }
            daemon = try ChildProcess.spawn(
                Executables.folder + "/myopenipd",
                [
                    "--data-dir", folder, "--listen", "127.0.0.1:0", "--ready-file", ready, "--log-format", "json",
                    "--log-level", "debug", "--metrics-port", "0", "--mail-delivery", "off",
                ],
                environment: ProcessInfo.processInfo.environment, standardError: log)
        }
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: ready) { try await Task.sleep(for: .milliseconds(20)) }
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ready))) as? [String: Any])
        let socket = try #require(object["unix"] as? String)
        let metricsPort = try #require((object["metrics"] as? String)?.split(separator: ":").last.flatMap { Int($0) })

        // A call with the caller's request id (a hostile one) and trace: both come back or go to the logs.
        let raw = try RawConnection(unixPath: socket)
        raw.setReceiveTimeout(seconds: 10)
        let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        try raw.sendRequest(
            streamID: 1, service: "grpc.health.v1.Health", method: "Check", message: Grpc_Health_V1_HealthCheckRequest(),
            metadata: ["x-request-id": "req-\"42\"\n{\"forged\":1}", "traceparent": traceparent])
        let answer = try #require(try raw.readResponse())
        let returned = answer.response.metadata.first { $0.key == "x-request-id" }?.value
        #expect(returned == LogText.escaped("req-\"42\"\n{\"forged\":1}", limit: 128))
        try raw.sendRequest(
            streamID: 3, service: "myopenip.v1.CompanyService", method: "GetCompany",
            message: {
                var request = Myopenip_V1_GetCompanyRequest()
                request.reference = "OIP-00009999"
                return request
            }())
        #expect(try raw.readResponse()?.response.status.code == 5)
        // A login with a wrong password: the password never reaches a log line.
        let tcp = try #require((object["tcp"] as? String)?.split(separator: ":").last.flatMap { Int($0) })
        let anonymous = MyOpenIPClient(target: .tcp(host: "127.0.0.1", port: tcp))
        _ = await rpcError { try await anonymous.identity.login(identifier: "E-0000000001", password: "S3cret!Wrong-pass") }
        _ = try await anonymous.health.check()
        await anonymous.close()

        let first = try RawConnection.httpGet(port: metricsPort, path: "/metrics")
        #expect(first.hasPrefix("HTTP/1.1 200"), "\(first.prefix(200))")
        #expect(first.contains("text/plain; version=0.0.4"))
        for name in [
            "myopenip_calls_total{", "myopenip_call_duration_seconds_bucket{", "myopenip_calls_in_flight",
            "myopenip_connections_open{", "myopenip_received_bytes_total", "myopenip_sent_bytes_total",
            "myopenip_db_commit_duration_seconds_bucket", "myopenip_db_wal_bytes", "myopenip_mail_outbox_depth",
            "process_resident_memory_bytes", "process_open_fds", "myopenip_job_runs_total{", "myopenip_idempotency_keys",
        ] {
            #expect(first.contains(name), "\(name) missing")
        }
        #expect(
            first.contains(#"myopenip_calls_total{service="myopenip.v1.CompanyService",method="GetCompany",code="NOT_FOUND"} 1"#))
        #expect(!first.contains("OIP-00009999") && !first.contains("E-0000000001"), "an id in a label")
        let checks = Self.value(first, of: #"myopenip_calls_total{service="grpc.health.v1.Health",method="Check",code="OK"}"#)
        let client = MyOpenIPClient(target: .unix(path: socket))
        for _ in 0..<5 { _ = try await client.health.check() }
        await client.close()
        let second = try RawConnection.httpGet(port: metricsPort, path: "/metrics")
        let after = Self.value(second, of: #"myopenip_calls_total{service="grpc.health.v1.Health",method="Check",code="OK"}"#)
        #expect(checks != nil && after == checks.map { $0 + 5 }, "\(String(describing: checks)) → \(String(describing: after))")
        #expect(try RawConnection.httpGet(port: metricsPort, path: "/other").hasPrefix("HTTP/1.1 404"))

        daemon.terminate()
        _ = await daemon.exit()
        let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 3)
        var calls: [[String: Any]] = []
        for line in lines {
            let parsed = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(parsed != nil, "not JSON: \(line)")
            if let parsed, parsed["message"] as? String == "call" { calls.append(parsed) }
        }
        let traced = try #require(calls.first { ($0["request_id"] as? String)?.hasPrefix("req-") == true })
        #expect(traced["method"] as? String == "grpc.health.v1.Health/Check")
        #expect(traced["status"] as? String != nil && traced["duration_us"] != nil)
        #expect(traced["caller"] as? String == "operator_process")
        #expect(traced["trace_id"] as? String == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(traced["time"] as? String != nil && traced["level"] as? String == "debug")
        #expect(calls.contains { $0["caller"] as? String == "anonymous" })
        let text = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(!text.contains("S3cret!Wrong-pass"))
    }

    /// The value of the sample `name` in a scrape.
    static func value(_ scrape: String, of name: String) -> Int? {
        scrape.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Int($0.split(separator: " ").last ?? "") }
    }
}
