import ArgumentParser
import Foundation

/// A command that cannot go on for a reason of its own input (an unreadable file, a missing
/// confirmation): prints `error: message` and exits 64, without the usage text that
/// ArgumentParser prints for a bad command line.
enum CommandFailure {
    static func usage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode.validationFailure
    }
}
