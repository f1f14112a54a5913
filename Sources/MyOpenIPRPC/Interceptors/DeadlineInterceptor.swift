import Synchronization

/// Enforces the caller's deadline: a call still running when it passes is cancelled and the
/// caller gets DEADLINE_EXCEEDED at once, without waiting for the handler to notice.
public struct DeadlineInterceptor: ServerInterceptor {
    public init() {}

    public func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        guard let deadline = context.deadline else { return try await next(request, context) }
        guard deadline > .now else { throw RPCError.deadlineExceeded }
        return try await Self.race(deadline: deadline) { try await next(request, context) }
    }

    /// Runs `operation` until it ends or `deadline` passes, whichever comes first.
    static func race(
        deadline: ContinuousClock.Instant,
        operation: @escaping @Sendable () async throws -> ServerResponse
    ) async throws -> ServerResponse {
        let outcome = Outcome()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard outcome.install(continuation) else {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                let work = Task {
                    let result: Result<ServerResponse, any Error>
                    do { result = .success(try await operation()) } catch { result = .failure(error) }
                    outcome.finish(result)
                }
                let timer = Task {
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    guard !Task.isCancelled else { return }
                    if outcome.finish(.failure(RPCError.deadlineExceeded)) { work.cancel() }
                }
                outcome.attach(work: work, timer: timer)
            }
        } onCancel: {
            outcome.cancel()
        }
    }

    /// The once-only meeting point of the work, the timer and cancellation.
    private final class Outcome: Sendable {
        private struct State {
            var continuation: CheckedContinuation<ServerResponse, any Error>?
            var work: Task<Void, Never>?
            var timer: Task<Void, Never>?
            var finished = false
            var cancelled = false
        }
        private let state = Mutex(State())

        /// Keeps the caller's continuation; false when the call was cancelled before it started.
        func install(_ continuation: CheckedContinuation<ServerResponse, any Error>) -> Bool {
            state.withLock { state in
                guard !state.cancelled else { return false }
                state.continuation = continuation
                return true
            }
        }

        func attach(work: Task<Void, Never>, timer: Task<Void, Never>) {
            let (finished, cancelled) = state.withLock { state in
                state.work = work
                state.timer = timer
                return (state.finished, state.cancelled)
            }
            if finished { timer.cancel() }
            if cancelled { work.cancel(); timer.cancel() }
        }

        /// Resumes the caller with `result` if nothing did before; returns whether this call did.
        @discardableResult
        func finish(_ result: Result<ServerResponse, any Error>) -> Bool {
            let (continuation, timer) = state.withLock { state -> (CheckedContinuation<ServerResponse, any Error>?, Task<Void, Never>?) in
                guard !state.finished else { return (nil, nil) }
                state.finished = true
                defer { state.continuation = nil }
                return (state.continuation, state.timer)
            }
            guard let continuation else { return false }
            timer?.cancel()
            continuation.resume(with: result)
            return true
        }

        func cancel() {
            let (work, timer) = state.withLock { state in
                state.cancelled = true
                return (state.work, state.timer)
            }
            work?.cancel()
            timer?.cancel()
            finish(.failure(CancellationError()))
        }
    }
}
