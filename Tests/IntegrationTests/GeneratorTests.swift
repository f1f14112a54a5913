import Foundation
import Testing

/// The project's generator (myopenip-protogen) on contracts written for the test: deny by default
/// holds by construction, because a method without an access option does not generate.
@Suite("The contract generator")
struct GeneratorTests {
    /// Writes `proto` as `test/v1/probe.proto`, has protoc describe it, and runs the generator
    /// on it into a temporary folder; its outcome and the server file it wrote.
    private func generate(_ proto: String) async throws -> (Executables.Outcome, String?) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("protogen-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/test/v1", withIntermediateDirectories: true)
        try proto.write(toFile: folder + "/test/v1/probe.proto", atomically: true, encoding: .utf8)
        let described = try await Executables.runProgram(
            "/usr/bin/protoc",
            [
                "-I", Executables.packageRoot + "/proto", "-I", folder, "--include_imports", "--include_source_info",
                "--descriptor_set_out=\(folder)/set.pb", "test/v1/probe.proto",
            ])
        #expect(described.status == 0, "\(described.standardError)")
        let outcome = try await Executables.run(
            "myopenip-protogen",
            [
                "--descriptor-set", folder + "/set.pb", "--files", "test/v1/probe.proto", "--server", folder + "/server",
                "--client", folder + "/client", "--c-header", folder + "/services.h", "--c-source", folder + "/services.c",
            ])
        let server = try? String(contentsOfFile: folder + "/server/ProbeServiceProtocol.swift", encoding: .utf8)
        return (outcome, server)
    }

    private static let header = """
        syntax = "proto3";
        package test.v1;
        import "myopenip/v1/options.proto";
        message Note { string text = 1; }

        """

    @Test("a method without an access option does not generate, and the error names it")
    func missingAccess() async throws {
        let (outcome, server) = try await generate(
            Self.header + """
                service ProbeService {
                  rpc Ping(Note) returns (Note) { option (myopenip.v1.access).audience = AUDIENCE_PUBLIC; }
                  rpc Forgotten(Note) returns (Note);
                }
                """)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("test.v1.ProbeService/Forgotten has no access option"))
        #expect(!outcome.standardError.contains("ProbeService/Ping"))
        #expect(server == nil)
    }

    @Test("an unspecified audience or permission counts as no access option")
    func unspecifiedAccess() async throws {
        let (outcome, _) = try await generate(
            Self.header + """
                service ProbeService {
                  rpc Ping(Note) returns (Note) { option (myopenip.v1.access).permission = PERMISSION_UNSPECIFIED; }
                }
                """)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("ProbeService/Ping has no access option"))
    }

    @Test("a public method cannot be an idempotent write, whose keys belong to callers")
    func publicWrite() async throws {
        let (outcome, _) = try await generate(
            Self.header + """
                service ProbeService {
                  rpc Ping(Note) returns (Note) {
                    option (myopenip.v1.access).audience = AUDIENCE_PUBLIC;
                    option (myopenip.v1.idempotent_write) = true;
                  }
                }
                """)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("a public method cannot be an idempotent write"))
    }

    @Test("a complete contract generates the protocol, its rules and its registration")
    func completeContract() async throws {
        let (outcome, server) = try await generate(
            Self.header + """
                // Answers pings.
                service ProbeService {
                  // Echoes the text.
                  rpc Ping(Note) returns (Note) {
                    option (myopenip.v1.access).permission = PERMISSION_SERVICES_READ;
                    option (myopenip.v1.idempotent_write) = true;
                  }
                  rpc Watch(Note) returns (stream Note) { option (myopenip.v1.access).audience = AUDIENCE_SIGNED_IN; }
                }
                """)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let code = try #require(server)
        #expect(code.contains("public protocol ProbeServiceProtocol: ContractService"))
        #expect(code.contains("/// Echoes the text."))
        #expect(
            code.contains(
                "func ping(\n        _ request: Test_V1_Note, context: ServerContext\n    ) async throws -> Test_V1_Note"))
        #expect(code.contains("_ request: Test_V1_Note, stream: ResponseStream<Test_V1_Note>,"))
        #expect(code.contains("access: .permission(.servicesRead),\n        isIdempotentWrite: true)"))
        #expect(code.contains("access: .signedIn,"))
        #expect(code.contains("router.registerServerStreaming("))
    }
}
