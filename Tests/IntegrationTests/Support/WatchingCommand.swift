import Foundation

/// A `myopenipctl … watch` running in the background, its output read as it comes; ended by the
/// test, or after 20 seconds whatever happens.
final class WatchingCommand {
    private let output: PipeEnds
    private let process: ChildProcess
    private let watchdog: Task<Void, any Error>
    private var received: [UInt8] = []

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let output = try PipeEnds()
        let process: ChildProcess
        do {
            defer { close(output.writing) }
            process = try ChildProcess.spawn(
                Executables.folder + "/myopenipctl", arguments,
                environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                standardOutput: output.writing)
        }
        self.output = output
        self.process = process
        watchdog = Task {
            try await Task.sleep(for: .seconds(20))
            process.terminate()
        }
    }

    /// What it printed so far, read until `done` holds or its output ends.
    func read(until done: (String) -> Bool) throws -> String {
        while !done(String(decoding: received, as: UTF8.self)) {
            let chunk = try Descriptor.readSome(output.reading)
            if chunk.isEmpty { break }
            received += chunk
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Ends it and waits for it.
    func stop() async {
        process.terminate()
        _ = await process.exit()
        watchdog.cancel()
        close(output.reading)
    }
}
