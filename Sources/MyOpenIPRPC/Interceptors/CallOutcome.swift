extension StatusCode {
    /// The code a call that threw `error` ends with, as the dispatcher answers it: an
    /// ``RPCError`` keeps its code; a cancellation is DEADLINE_EXCEEDED once `deadline` has
    /// passed, CANCELLED before; anything else is INTERNAL. For interceptors that report calls.
    public static func outcome(of error: any Error, deadline: ContinuousClock.Instant?) -> StatusCode {
        switch error {
        case let error as RPCError: return error.code
        case is CancellationError: return (deadline.map { $0 <= .now } ?? false) ? .deadlineExceeded : .cancelled
        default: return .internal
        }
    }
}
