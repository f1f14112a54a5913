import Foundation

/// The built `myopenipd` and `myopenipctl`, run as a person or a script would.
enum Executables {
    /// The root of this package (where `tools/` and `proto/` are).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The folder of the built products: `$MYOPENIP_BIN_DIR`, else `.build/debug` of this package.
    static let folder: String = ProcessInfo.processInfo.environment["MYOPENIP_BIN_DIR"] ?? packageRoot + "/.build/debug"

    static var areBuilt: Bool {
        FileManager.default.isExecutableFile(atPath: folder + "/myopenipctl")
            && FileManager.default.isExecutableFile(atPath: folder + "/myopenipd")
    }

    struct Outcome: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs a built program to its end.
    static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil
    ) async throws -> Outcome {
        try await runProgram(folder + "/" + name, arguments, environment: environment, input: input)
    }

    /// Runs any program to its end, waiting on a thread of its own: a test blocked on a child
    /// process must not hold one of the few threads the in-process daemons run their calls on.
    static func runProgram(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil
    ) async throws -> Outcome {
        let result = await onOwnThread {
            Result { try runBlocking(path, arguments, environment: environment, input: input) }
        }
        return try result.get()
    }

    /// Runs any program to its end on the calling thread (for checks outside any test task).
    static func runBlocking(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil
    ) throws -> Outcome {
        let output = try PipeEnds()
        let errors = try PipeEnds()
        let standardInput = try input.map { _ in try PipeEnds() }
        defer {
            close(output.reading)
            close(errors.reading)
        }
        let child: ChildProcess
        do {
            // The child holds its own copies of its ends: without closing ours, no end of file.
            defer {
                for descriptor in [output.writing, errors.writing, standardInput?.reading].compactMap({ $0 }) {
                    close(descriptor)
                }
            }
            child = try ChildProcess.spawn(
                path, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                standardInput: standardInput?.reading, standardOutput: output.writing, standardError: errors.writing)
        } catch {
            if let standardInput { close(standardInput.writing) }
            throw error
        }
        if let input, let standardInput {
            _ = Descriptor.ignoreBrokenPipes
            // Inputs are a few lines, far below a pipe's buffer: written whole, then closed, before
            // any read. A program that exits without reading them is not an error here.
            try? Descriptor.write(Array(input.utf8), to: standardInput.writing)
            close(standardInput.writing)
        }
        let (outputBytes, errorBytes) = try Descriptor.readToEnd(output.reading, errors.reading)
        let status: Int32 =
            switch child.waitUntilExit() {
            case .exited(let code): code
            case .signaled(let signal): 128 + signal
            }
        return Outcome(
            status: status,
            standardOutput: String(decoding: outputBytes, as: UTF8.self),
            standardError: String(decoding: errorBytes, as: UTF8.self))
    }

    /// Starts a built program in the background, its output thrown away.
    static func start(_ name: String, _ arguments: [String]) throws -> ChildProcess {
        try ChildProcess.spawn(folder + "/" + name, arguments, environment: ProcessInfo.processInfo.environment)
    }
}
