import ArgumentParser
import Foundation

/// Reads passwords without ever taking them from the command line (where `ps` would show them):
/// from standard input with `--password-stdin`, one a line, else at prompts that do not echo.
enum PasswordInput {
    /// One value per prompt, in order. From standard input, a missing line is an error that says
    /// how many lines the command reads and what each is.
    static func read(_ prompts: [(name: String, prompt: String)], fromStandardInput: Bool) throws -> [String] {
        if fromStandardInput {
            var lines: [String] = []
            for _ in prompts {
                guard let line = readLine(strippingNewline: true) else { break }
                lines.append(line)
            }
            guard lines.count == prompts.count else {
                let expected = prompts.map(\.name).joined(separator: ", then ")
                throw CommandFailure.usage(
                    "--password-stdin reads \(prompts.count) line\(prompts.count > 1 ? "s" : "") (\(expected)); "
                        + "standard input had \(lines.count)")
            }
            return lines
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure.usage("no terminal to ask for the password: use --password-stdin")
        }
        return try prompts.map { name, prompt in
            guard let typed = getpass(prompt) else { throw CommandFailure.usage("could not read the \(name)") }
            return String(cString: typed)
        }
    }
}
