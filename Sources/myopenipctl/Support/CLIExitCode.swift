import MyOpenIPClient

/// The exit codes that scripts can rely on.
enum CLIExitCode: Int32 {
    case success = 0
    /// The daemon answered the call with an error.
    case callFailed = 1
    /// `health`: the daemon or the service is not serving.
    case notServing = 2
    /// The daemon cannot be reached (not running, wrong socket or address, connection lost).
    case unreachable = 3
    /// The answer did not come before the timeout.
    case deadlineExceeded = 4
    /// A confirmation was asked and not given: nothing was done.
    case cancelled = 5

    static func `for`(_ error: RPCError) -> CLIExitCode {
        switch error.code {
        case .unavailable: return .unreachable
        case .deadlineExceeded: return .deadlineExceeded
        default: return .callFailed
        }
    }
}
