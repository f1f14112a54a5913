import Foundation
import Testing

/// The launcher every test that runs a program goes through.
@Suite("Test support: child processes")
struct ChildProcessTests {
    @Test func bothStreamsAreReadWholeWhateverTheirSizeAndTheStatusComesBack() async throws {
        // 256 KiB on each stream: four times a pipe's buffer, written one stream after the other.
        let outcome = try await Executables.runProgram(
            "/bin/sh", ["-c", "head -c 262144 /dev/zero; head -c 262144 /dev/zero >&2; exit 3"])
        #expect(outcome.status == 3)
        #expect(outcome.standardOutput.utf8.count == 262_144)
        #expect(outcome.standardError.utf8.count == 262_144)
    }

    @Test func theInputIsDeliveredAndClosedAndTheEnvironmentIsAdded() async throws {
        let outcome = try await Executables.runProgram(
            "/bin/sh", ["-c", "cat; printf '%s' \"$GREETING\" >&2"], environment: ["GREETING": "bonjour"],
            input: "ligne 1\nligne 2\n")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "ligne 1\nligne 2\n")
        #expect(outcome.standardError == "bonjour")
    }

    @Test func aProgramThatIgnoresItsInputDoesNotDisturbTheTestProcess() async throws {
        let outcome = try await Executables.runProgram(
            "/bin/sh", ["-c", "exit 0"], input: String(repeating: "x", count: 1 << 20))
        #expect(outcome.status == 0)
    }

    @Test func aChildInheritsNoDescriptorButItsThreeStreams() async throws {
        // Like SwiftNIO's sockets: no close-on-exec.
        let socket = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socket > 2)
        defer { close(socket) }
        let outcome = try await Executables.runProgram("/bin/ls", ["/proc/self/fd"])
        // 3 is the folder ls itself opened to list.
        #expect(outcome.standardOutput.split(separator: "\n") == ["0", "1", "2", "3"])
    }

    @Test func aSignalEndsABackgroundProgramAndIsReported() throws {
        let child = try ChildProcess.spawn("/bin/sleep", ["30"], environment: [:])
        child.send(SIGKILL)
        #expect(child.waitUntilExit() == .signaled(SIGKILL))
        #expect(child.waitUntilExit() == .signaled(SIGKILL))
        child.terminate()  // already reaped: nothing is sent
    }

    @Test func aMissingProgramIsAnErrorNotACrash() async throws {
        await #expect(throws: ChildProcess.Failure.self) {
            _ = try await Executables.runProgram("/no/such/program", [])
        }
    }
}
