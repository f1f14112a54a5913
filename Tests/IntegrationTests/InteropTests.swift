import Foundation
import Testing

/// A client written in another language, from the protocol description alone, calls the daemon:
/// proof that the wire is containerd's ttrpc and not only what the Swift client accepts.
@Suite(
    "Interoperability with an independent Python ttrpc client",
    .enabled(if: PythonClient.isAvailable, "needs /usr/bin/python3 with python3-protobuf and protoc (tools/install-deps.sh)"))
struct InteropTests {
    @Test(arguments: TestTransport.allCases)
    func thePythonClientGetsTheDocumentedAnswers(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser(kind: .partnerUser, company: "OIP-00000001")
            let admin = daemon.operatorClient()
            try await admin.rights.setUserRights(login: login, rightIDs: [1])
            await admin.close()
            let target = transport == .unix ? ["--socket", daemon.socketPath] : ["--address", "127.0.0.1:\(daemon.tcpPort)"]
            let outcome = try await PythonClient.run(target + ["--login", login, "--company", "OIP-00000001"])
            #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
            #expect(outcome.standardOutput.contains("12 passed, 0 failed"), "\(outcome.standardOutput)")
        }
    }
}

enum PythonClient {
    static let python = "/usr/bin/python3"
    static let script = Executables.packageRoot + "/tools/interop/ttrpc_check.py"

    /// Asked once.
    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python),
            ["/usr/bin/protoc", "/usr/local/bin/protoc"].contains(where: FileManager.default.isExecutableFile(atPath:)),
            let probe = try? Executables.runBlocking(python, ["-c", "import google.protobuf"])
        else { return false }
        return probe.status == 0
    }()

    static func run(_ arguments: [String]) async throws -> Executables.Outcome {
        try await Executables.runProgram(python, [script] + arguments, environment: ["MYOPENIP_PASSWORD": goodPassword])
    }
}
