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
/// - The key's record is kept by the write's own transaction, with the answer
///   (``KeyedWrite``): no commit of its own, and a retry after a crash gets the answer the write
///   committed with.
/// - An error is kept when it says what became of the write: an error about the request or the
///   state (INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, FAILED_PRECONDITION,
///   OUT_OF_RANGE). After any other outcome (cancelled, deadline, internal) the key stays free so
///   that a retry runs the call again, unless the write was committed: the retry is then told
///   ``answerLost``.
///
/// It runs after authorization: a refused call never takes a key. It sits inside the deadline
/// interceptor and records what the handler really did, even when the caller was already told
/// DEADLINE_EXCEEDED.
public struct IdempotencyInterceptor: ServerInterceptor {
    /// How long a key is remembered: a day, the usual horizon of a client's retries.
    public static let defaultRetention: Duration = .seconds(24 * 3600)

    let policy: IdempotencyPolicy
    let records: any IdempotencyRepository
    let time: any TimeSource
    let retention: Duration
    /// The keys of the calls running in this daemon.
    private let running = RunningKeys()

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

        guard running.insert(claim) else { throw Self.keyInUse }
        defer { running.remove(claim) }
        // No read first: the write's own insert of the key finds a record already there (see
        // `run`), so a first call, by far the most frequent, costs nothing more than its write.
        return try await run(
            request, context: context, write: KeyedWrite(claim: claim, at: now, expiredBefore: expiredBefore), next: next)
    }

    private func run(
        _ request: ServerRequest, context: ServerContext, write: KeyedWrite,
        next: @escaping @Sendable (ServerRequest, ServerContext) async throws -> ServerResponse
    ) async throws -> ServerResponse {
        let response: ServerResponse
        do {
            response = try await KeyedWrite.$current.withValue(write) { try await next(request, context) }
        } catch {
            if write.conflicted {
                // A call with this key was answered before (a retry), or another daemon's committed
                // first: this write was rolled back, and the key's record tells the answer.
                return try await replay(write, context: context)
            }
            guard let failure = error as? RPCError, Self.isFinal(failure.code) else {
                await release(write, context: context)
                // A retry that failed before its write: the first call's answer, if it was kept.
                if write.recordID == nil,
                    case .replay = try? await records.status(of: write.claim, expiredBefore: write.expiredBefore)
                {
                    return try await replay(write, context: context)
                }
                throw error
            }
            let status = await keep(IdempotencyOutcome(failure), for: write, context: context)
            guard status == .free else { return try replay(status, context: context) }
            throw error
        }
        guard write.keptAnswer == nil else { return response }
        // The call wrote nothing, or its write kept no answer: keep it now.
        let status = await keep(
            IdempotencyOutcome(statusCode: StatusCode.ok.rawValue, payload: response.payload), for: write, context: context)
        guard status == .free else { return try replay(status, context: context) }
        return response
    }

    /// The answer of the key's record, for a call whose write found it there.
    private func replay(_ write: KeyedWrite, context: ServerContext) async throws -> ServerResponse {
        try replay(try await records.status(of: write.claim, expiredBefore: write.expiredBefore), context: context)
    }

    private func replay(_ status: IdempotencyStatus, context: ServerContext) throws -> ServerResponse {
        if case .replay = status { context.logger.debug("answer replayed for an idempotency key") }
        return try Self.answer(status)
    }

    /// What a retry is told when the write was committed but its answer could not be kept: the
    /// handler failed after its transaction, or the daemon stopped in between.
    public static let answerLost = RPCError(
        .failedPrecondition, "this write was done, but its answer was lost; read the object to see the result",
        reason: "IDEMPOTENCY_ANSWER_LOST", field: Metadata.Keys.idempotencyKey)

    /// What a call is told while another call with its key runs.
    public static let keyInUse = RPCError(
        .aborted, "a call with this idempotency key is still running; retry it later",
        reason: "IDEMPOTENCY_KEY_IN_USE", field: Metadata.Keys.idempotencyKey)

    /// What a call is told when its key was used for another request.
    public static let keyReused = RPCError(
        .failedPrecondition, "this idempotency key was already used for another request",
        reason: "IDEMPOTENCY_KEY_REUSED", field: Metadata.Keys.idempotencyKey)

    /// Whether an error tells what became of the write, so that a retry must get it again.
    static func isFinal(_ code: StatusCode) -> Bool {
        [.invalidArgument, .notFound, .alreadyExists, .permissionDenied, .failedPrecondition, .outOfRange].contains(code)
    }

    /// The answer a key's record gives a call that did not run.
    static func answer(_ status: IdempotencyStatus) throws -> ServerResponse {
        switch status {
        case .replay(let outcome):
            guard outcome.statusCode == StatusCode.ok.rawValue else { throw RPCError(outcome) }
            return ServerResponse(payload: outcome.payload)
        case .free, .inProgress: throw keyInUse
        case .mismatch: throw keyReused
        }
    }

    /// Keeps the outcome of a call whose write did not; returns what another call's record says
    /// if one took the key meanwhile. A failure is logged: the call's own answer then stands,
    /// and a retry is told the key is in use until the daemon restarts or the record expires.
    private func keep(_ outcome: IdempotencyOutcome, for write: KeyedWrite, context: ServerContext) async
        -> IdempotencyStatus
    {
        do {
            return try await records.keep(outcome, for: write, at: time.timestamp())
        } catch {
            context.logger.error("cannot record the outcome of a keyed call", metadata: ["error": "\(error)"])
            return .free
        }
    }

    /// After an outcome that says nothing of the write: frees the key, or if the write was
    /// committed, keeps ``answerLost`` for retries.
    private func release(_ write: KeyedWrite, context: ServerContext) async {
        do {
            try await records.release(write, recordingIfCommitted: IdempotencyOutcome(Self.answerLost), at: time.timestamp())
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
