import ArgumentParser
import Foundation

/// Destructive commands ask before they act: on a terminal, a yes/no question; in a script (no
/// terminal), they refuse unless `--yes` says the question was already answered.
enum Confirmation {
    static func require(_ question: String, yes: Bool) throws {
        if yes { return }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure.usage("\(question) Standard input is not a terminal to answer: add --yes to confirm.")
        }
        FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
        let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard ["y", "yes", "o", "oui"].contains(answer) else {
            FileHandle.standardError.write(Data("cancelled: nothing was changed\n".utf8))
            throw ExitCode(CLIExitCode.cancelled.rawValue)
        }
    }
}

/// `--yes`, for the commands that ask for a confirmation.
struct ConfirmationFlag: ParsableArguments {
    @Flag(name: .long, help: "Do not ask for a confirmation (scripts).") var yes = false
}
