import Crypto
import Foundation
import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPStore

/// Makes the writes of ``IdempotencyPolicy`` safe to retry: a call that carries an
/// `idempotency-key` already answered for the same caller gets that answer again, and the
/// write does not run twice.
///
/// - The key is the caller's own (see `Principal.idempotencyScope`) and holds for
///   ``defaultRetention`` after its first use.
/// - The same key with another method or another request is FAILED_PRECONDITION
///   `IDEMPOTENCY_KEY_REUSED`; while the first call still runs, a retry is ABORTED
///   `IDEMPOTENCY_KEY_IN_USE` (retry a little later).
/// - An answer is kept when it says what became of the write: OK, or an error about the request
///   or the state (INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED,
///   FAILED_PRECONDITION, OUT_OF_RANGE). After any other outcome (cancelled, deadline, internal)
///   the key is freed so that a retry runs the call again, unless the write's transaction marked
///   it committed: the retry is then told ``answerLost``.
///
/// It runs after authorization: a refused call never reserves a key. It sits inside the
/// deadline interceptor and records what the handler really did, even when the caller was
/// already told DEADLINE_EXCEEDED.
public struct IdempotencyInterceptor: ServerInterceptor {
    /// How long a key is remembered: a day, the usual horizon of a client's retries.
    public static let defaultRetention: Duration = .seconds(24 * 3600)

    let policy: IdempotencyPolicy
    let records: any IdempotencyRepository
    let time: any TimeSource
    let retention: Duration

    public init(
        policy: IdempotencyPolicy, records: any IdempotencyRepository, time: any TimeSource = SystemTimeSource(),
        retention: Duration = Self.defaultRetention
    ) {
        self.policy = policy
        self.records = records
        self.time = time
        self.retention = retention
    }

    public func intercept(
        _ request: ServerRequest,
        context: ServerContext,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        guard let key = context.metadata.idempotencyKey, policy.covers(context.method),
            let caller = context.principal.idempotencyScope
        else { return try await next(request, context) }
        let claim = IdempotencyClaim(
            caller: caller, key: try IdempotencyKey.check(key), method: context.method.description,
            requestDigest: Data(SHA256.hash(data: request.payload)))
        let now = time.timestamp()
        let expiredBefore = now.adding(.zero - retention)

        switch try await records.reserve(claim, at: now, expiredBefore: expiredBefore) {
        case .replay(let outcome):
            context.logger.debug("answer replayed for an idempotency key", metadata: ["idempotency_key": "\(key)"])
            guard outcome.statusCode == StatusCode.ok.rawValue else { throw RPCError(outcome) }
            return ServerResponse(payload: outcome.payload)
        case .inProgress:
            throw RPCError(
                .aborted, "a call with this idempotency key is still running; retry it later",
                reason: "IDEMPOTENCY_KEY_IN_USE", field: Metadata.Keys.idempotencyKey)
        case .mismatch:
            throw RPCError(
                .failedPrecondition, "this idempotency key was already used for another request",
                reason: "IDEMPOTENCY_KEY_REUSED", field: Metadata.Keys.idempotencyKey)
        case .reserved(let id):
            var context = context
            context.idempotencyRecordID = id
            return try await run(request, context: context, reservation: id, next: next)
        }
    }

    private func run(
        _ request: ServerRequest, context: ServerContext, reservation id: Int64,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        let response: ServerResponse
        do {
            response = try await next(request, context)
        } catch let error as RPCError where Self.isFinal(error.code) {
            await settle(reservation: id, outcome: IdempotencyOutcome(error), context: context)
            throw error
        } catch {
            await settle(reservation: id, outcome: nil, context: context)
            throw error
        }
        await settle(
            reservation: id, outcome: IdempotencyOutcome(statusCode: StatusCode.ok.rawValue, payload: response.payload),
            context: context)
        return response
    }

    /// What a retry is told when the write was committed but its answer could not be kept: the
    /// handler failed after its transaction, or the daemon stopped in between.
    public static let answerLost = RPCError(
        .failedPrecondition, "this write was done, but its answer was lost; read the object to see the result",
        reason: "IDEMPOTENCY_ANSWER_LOST", field: Metadata.Keys.idempotencyKey)

    /// Whether an error tells what became of the write, so that a retry must get it again.
    static func isFinal(_ code: StatusCode) -> Bool {
        [.invalidArgument, .notFound, .alreadyExists, .permissionDenied, .failedPrecondition, .outOfRange].contains(code)
    }

    /// Records the outcome (or, when there is none, frees the key unless the write was committed),
    /// even when the call was cancelled: the store refuses work to a cancelled task, so the write runs in a task of its
    /// own, awaited. A failure is logged; the key then stays reserved until the daemon restarts
    /// or the record expires, and retries are told it is in use rather than writing twice.
    private func settle(reservation id: Int64, outcome: IdempotencyOutcome?, context: ServerContext) async {
        let records = self.records
        let now = time.timestamp()
        let settled = Task {
            if let outcome {
                try await records.complete(reservation: id, with: outcome, at: now)
            } else {
                try await records.release(reservation: id, recordingIfCommitted: IdempotencyOutcome(Self.answerLost), at: now)
            }
        }
        do {
            try await settled.value
        } catch {
            context.logger.error("cannot record the outcome of a keyed call", metadata: ["error": "\(error)"])
        }
    }
}

extension IdempotencyOutcome {
    init(_ error: RPCError) {
        self.init(
            statusCode: error.code.rawValue, message: error.message, reason: error.reason, field: error.field,
            metadata: error.metadata)
    }
}

extension RPCError {
    init(_ outcome: IdempotencyOutcome) {
        self.init(
            StatusCode(rawValue: outcome.statusCode), outcome.message, reason: outcome.reason, field: outcome.field,
            metadata: outcome.metadata)
    }
}
