import Logging
import MyOpenIPDomain
import MyOpenIPStore
import ServiceLifecycle

/// Terminates the contracted offers whose confirmed termination takes effect, as a background
/// service of the daemon: at start, then every ``interval``. A termination due while the daemon
/// was stopped is done at the next start.
public struct TerminationScheduler: Service {
    public static let defaultInterval: Duration = .seconds(60)
    /// Who the history says terminated the offers.
    public static let actor = "myopenipd (résiliations)"

    let ordering: any OrderLifecycleRepository
    let time: any TimeSource
    let interval: Duration
    let logger: Logger

    public init(
        ordering: any OrderLifecycleRepository, time: any TimeSource, interval: Duration = Self.defaultInterval,
        logger: Logger
    ) {
        self.ordering = ordering
        self.time = time
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await runOnce()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    /// Terminates what is due today; returns how many offers (a failure is logged and retried at
    /// the next turn).
    @discardableResult
    public func runOnce() async -> Int {
        let now = time.timestamp()
        var total = 0
        do {
            while true {
                let done = try await ordering.completeTerminations(
                    dueBy: CivilDate(now), context: AuditContext(actor: Self.actor), at: now)
                total += done
                if done < 500 { break }
            }
            if total > 0 { logger.info("contracted offers terminated", metadata: ["count": "\(total)"]) }
        } catch {
            logger.warning("cannot terminate the contracted offers due", metadata: ["error": "\(error)"])
        }
        return total
    }
}
