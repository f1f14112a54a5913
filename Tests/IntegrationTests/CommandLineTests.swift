import Foundation
import Testing

@Suite("myopenipctl and myopenipd as programs", .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct CommandLineTests {
    @Test func healthAndServicesPrintTablesAndJSON() async throws {
        try await withTestDaemon { daemon async throws in
            let health = try await Executables.run("myopenipctl", ["health", "--socket", daemon.socketPath])
            #expect(health.status == 0)
            #expect(health.standardOutput.contains("SERVING"))

            let json = try await Executables.run("myopenipctl", ["health", "--json", "--address", "127.0.0.1:\(daemon.tcpPort)"])
            #expect(json.status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
            #expect(object?["status"] as? String == "SERVING")

            let table = try await Executables.run("myopenipctl", ["services", "--socket", daemon.socketPath])
            #expect(table.status == 0)
            #expect(table.standardOutput.contains("grpc.health.v1.Health"))
            #expect(table.standardOutput.contains("ListServices"))
            let updateSite = table.standardOutput.split(separator: "\n").first { $0.contains("UpdateSite") }
            #expect(updateSite?.contains("permission company.write") == true)
            #expect(updateSite?.contains("keyed") == true)

            let services = try await Executables.run("myopenipctl", ["services", "--json", "--socket", daemon.socketPath])
            let list = try JSONSerialization.jsonObject(with: Data(services.standardOutput.utf8)) as? [[String: Any]]
            #expect(list?.compactMap { $0["name"] as? String }.contains("myopenip.v1.ReflectionService") == true)
            let healthMethods = list?.first { $0["name"] as? String == "grpc.health.v1.Health" }?["methods"] as? [[String: Any]]
            #expect(healthMethods?.first?["access"] as? String == "public")
        }
    }

    @Test func healthWatchPrintsEachChangeUntilTheDaemonStops() async throws {
        let daemon = try await TestDaemon.start()
        defer { daemon.removeFolder() }
        let output = try PipeEnds()
        defer { close(output.reading) }
        let watcher: ChildProcess
        do {
            defer { close(output.writing) }
            watcher = try ChildProcess.spawn(
                Executables.folder + "/myopenipctl", ["health", "--watch", "--json", "--socket", daemon.socketPath],
                environment: ProcessInfo.processInfo.environment, standardOutput: output.writing)
        }
        // Never hang the suite: a watcher still running after 10 s is stopped (and the test fails).
        let watchdog = Task {
            try await Task.sleep(for: .seconds(10))
            watcher.terminate()
        }
        defer { watchdog.cancel() }
        var received: [UInt8] = []
        while !received.contains(UInt8(ascii: "\n")) {  // the first status is out
            let chunk = try Descriptor.readSome(output.reading)
            if chunk.isEmpty { break }
            received += chunk
        }
        daemon.daemon.server.beginShutdown()
        while case let chunk = try Descriptor.readSome(output.reading), !chunk.isEmpty {
            received += chunk
        }
        let text = String(decoding: received, as: UTF8.self)
        let ended = await watcher.exit()
        try await daemon.waitUntilStopped()
        #expect(ended == .exited(0))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines == [#"{"service":"","status":"SERVING"}"#, #"{"service":"","status":"NOT_SERVING"}"#])
    }

    @Test func exitCodesTellScriptsWhatHappened() async throws {
        try await withTestDaemon { daemon async throws in
            let unknown = try await Executables.run("myopenipctl", ["health", "no.such.Service", "--socket", daemon.socketPath])
            #expect(unknown.status == 1)
            #expect(unknown.standardError.contains("NOT_FOUND"))

            let usage = try await Executables.run("myopenipctl", ["health", "--socket", "a", "--address", "b:1"])
            #expect(usage.status == 64)

            // base64url tokens start with a dash one time in 64: they are values, not options.
            let tcp = ["--address", "127.0.0.1:\(daemon.tcpPort)"]
            let dashed = "-" + String(repeating: "A", count: 42)
            let session = try await Executables.run("myopenipctl", ["whoami", "--token", dashed] + tcp)
            #expect(session.status == 1, "\(session.standardError)")
            #expect(session.standardError.contains("SESSION_INVALID"))
            let link = try await Executables.run(
                "myopenipctl", ["password", "set", "--link-token", dashed, "--password-stdin"] + tcp, input: "x\nx\n")
            #expect(link.status == 1, "\(link.standardError)")
            let page = try await Executables.run(
                "myopenipctl", ["account", "list", "--page-token", dashed, "--socket", daemon.socketPath])
            #expect(page.status == 1, "\(page.standardError)")
            #expect(page.standardError.contains("INVALID_ARGUMENT"))
        }
        let missing = try await Executables.run("myopenipctl", ["health", "--socket", "/tmp/no-daemon-here.sock"])
        #expect(missing.status == 3)
        #expect(missing.standardError.contains("is myopenipd running?"))

        let refused = try await Executables.run("myopenipctl", ["services", "--json", "--address", "127.0.0.1:1"])
        #expect(refused.status == 3)
        #expect(refused.standardError.contains("\"code\":\"UNAVAILABLE\""))
    }

    @Test func theDaemonStartsOnFlagsAndExitsZeroOnSIGTERM() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ready = folder + "/ready.json"
        let daemon = try Executables.start(
            "myopenipd",
            [
                "--data-dir", folder, "--listen", "127.0.0.1:0", "--ready-file", ready, "--grace-seconds", "2",
            ])
        var addresses: [String: Any]?
        for _ in 0..<500 where addresses == nil {
            if let data = FileManager.default.contents(atPath: ready) {
                addresses = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let socket = try #require(addresses?["unix"] as? String)
        #expect(socket == folder + "/myopenipd.sock")
        let tcp = try #require(addresses?["tcp"] as? String)
        #expect(!tcp.hasSuffix(":0"))
        #expect(FileManager.default.fileExists(atPath: folder + "/myopenip.sqlite"))

        let health = try await Executables.run("myopenipctl", ["health"], environment: ["MYOPENIP_SOCKET": socket])
        #expect(health.status == 0)

        daemon.terminate()  // SIGTERM
        #expect(await daemon.exit() == .exited(0))
        #expect(!FileManager.default.fileExists(atPath: socket))
    }

    @Test func theDaemonRefusesABadConfiguration() async throws {
        let bad = try await Executables.run("myopenipd", ["--listen", "nowhere", "--data-dir", "/tmp/unused"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("listen address"))
    }
}
