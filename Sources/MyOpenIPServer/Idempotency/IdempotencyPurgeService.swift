import Logging
import MyOpenIPDomain
import MyOpenIPStore
import ServiceLifecycle

/// Deletes the idempotency records older than their retention, every ``interval``, as a
/// background service of the daemon's group (no call waits on it). It stops at the daemon's
/// graceful shutdown; a purge missed then is done by the next start.
public struct IdempotencyPurgeService: Service {
    /// How often expired records are deleted.
    public static let defaultInterval: Duration = .seconds(600)

    let records: any IdempotencyRepository
    let time: any TimeSource
    let retention: Duration
    let interval: Duration
    let logger: Logger
    /// Counts and times each turn, when the daemon has metrics.
    var metrics: DaemonMetrics?

    public init(
        records: any IdempotencyRepository, time: any TimeSource, retention: Duration = IdempotencyInterceptor.defaultRetention,
        interval: Duration = Self.defaultInterval, logger: Logger
    ) {
        self.records = records
        self.time = time
        self.retention = retention
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await metrics.job("idempotency_purge") { await purge() }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    /// Deletes the records expired now; returns how many (a failure is logged and retried at the
    /// next turn).
    @discardableResult
    public func purge() async -> Int {
        do {
            let removed = try await records.removeExpired(before: time.timestamp().adding(.zero - retention))
            if removed > 0 { logger.debug("expired idempotency records deleted", metadata: ["count": "\(removed)"]) }
            return removed
        } catch {
            logger.warning("cannot delete expired idempotency records", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
