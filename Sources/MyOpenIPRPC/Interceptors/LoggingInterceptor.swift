import Logging

/// Logs every call once it ends, with its request id, peer, status and duration.
///
/// Successful calls log at `debug`, caller errors at `info`, INTERNAL and UNKNOWN at `error`. A
/// call cancelled (its client left, or its deadline passed) is CANCELLED or DEADLINE_EXCEEDED
/// at `info`, as the dispatcher answers it: not an internal error.
///
/// The `info` lines (callers' mistakes, which a peer can repeat at will) go through a
/// ``LogThrottle``: a flood of refused calls writes a bounded number of lines and says how many
/// it left out.
public struct LoggingInterceptor: ServerInterceptor {
    let throttle: LogThrottle

    public init(throttle: LogThrottle = LogThrottle(perSecond: 50)) {
        self.throttle = throttle
    }

    public func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(context, code: .ok, since: start, level: .debug)
            return response
        } catch {
            let code = StatusCode.outcome(of: error, deadline: context.deadline)
            let level: Logger.Level = (code == .internal || code == .unknown) ? .error : .info
            log(context, code: code, since: start, level: level, reason: (error as? RPCError)?.reason)
            throw error
        }
    }

    private func log(
        _ context: ServerContext, code: StatusCode, since start: ContinuousClock.Instant,
        level: Logger.Level, reason: String? = nil
    ) {
        guard context.baseLogger.logLevel <= level else { return }
        let elapsed = start.duration(to: .now)
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        var metadata: Logger.Metadata = [
            "status": "\(code)",
            "duration_us": "\(micros)",
            "peer": "\(context.peer)",
            "caller": "\(context.notes.caller)",
        ]
        if let reason { metadata["reason"] = "\(reason)" }
        if level == .info {
            throttle.log(context.logger, level: level, "call", metadata: metadata)
        } else {
            context.logger.log(level: level, "call", metadata: metadata)
        }
    }
}
