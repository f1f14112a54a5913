import Foundation
import Testing

/// tools/c-example, built by its script with plain cc the way a C microservice would be, logs in
/// and calls health and WhoAmI over both sockets; under valgrind when it is installed, with every
/// leak or memory error failing the test.
@Suite("The C example program")
struct CExampleTests {
    static let valgrind = "/usr/bin/valgrind"

    @Test("it builds, logs in, calls health and WhoAmI, shares its connection between threads, without a leak")
    func example() async throws {
        let build = try await Executables.runProgram("/bin/bash", ["\(Executables.packageRoot)/tools/build-c-example.sh"])
        try #require(build.status == 0, "\(build.standardError)")
        let program = build.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let memcheck =
            FileManager.default.isExecutableFile(atPath: Self.valgrind)
            ? [
                Self.valgrind, "-q", "--leak-check=full", "--errors-for-leak-kinds=definite,indirect,possible",
                "--error-exitcode=99",
            ]
            : []

        /// The example, under memcheck when there is one.
        func runExample(_ arguments: [String], password: String) async throws -> Executables.Outcome {
            let command = memcheck + [program] + arguments
            return try await Executables.runProgram(
                command[0], Array(command.dropFirst()), environment: ["MYOPENIP_PASSWORD": password])
        }

        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser(kind: .operatorStaff)
            for transport in TestTransport.allCases {
                let run = try await runExample(
                    [daemon.cTarget(transport), login, "--threads", "3", "--calls", "10"], password: goodPassword)
                #expect(run.status == 0, "\(transport): \(run.standardError)")
                #expect(run.standardOutput.contains("health: SERVING"))
                #expect(run.standardOutput.contains("whoami: \(login) (Alice Martin)"))
                #expect(run.standardOutput.contains("shared connection: 3 threads x 10 calls ok"))
                #expect(run.standardOutput.contains("logout: done"))
            }
            let refused = try await runExample([daemon.cTarget(.tcp), login], password: "Wrong-password-1")
            #expect(refused.status == 1, "\(refused.standardError)")
            #expect(
                refused.standardError.contains(
                    "login refused: code 16, reason INVALID_CREDENTIALS: Identifiant ou mot de passe incorrect"))
        }
    }
}
