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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let standardInput = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : standardInput
        try process.run()
        if let input {
            standardInput.fileHandleForWriting.write(Data(input.utf8))
            try standardInput.fileHandleForWriting.close()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// Starts a program in the background.
    static func start(_ name: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: folder + "/" + name)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
