import ArgumentParser
import Foundation

/// Reads a password without ever taking it from the command line (where `ps` would show it):
/// from standard input with `--password-stdin`, else at a prompt that does not echo.
enum PasswordInput {
    static func read(prompt: String, fromStandardInput: Bool) throws -> String {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true) else {
                throw ValidationError("--password-stdin: standard input is empty")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1, let typed = getpass(prompt) else {
            throw ValidationError("no terminal to ask for the password: use --password-stdin")
        }
        return String(cString: typed)
    }
}
