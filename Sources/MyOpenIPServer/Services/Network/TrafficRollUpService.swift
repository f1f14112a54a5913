import Logging
import MyOpenIPDomain
import MyOpenIPStore
import ServiceLifecycle

/// Rolls the traffic samples up into the 30-minute, 2-hour and daily tiers, as a background
/// service of the daemon: every ``interval``, the links that received samples since their last
/// roll-up (late ones included) have the buckets from their earliest new sample on made again,
/// a few hundred links a transaction, and what each tier no longer keeps is deleted. Once a day
/// every link is swept for what its tiers no longer keep, for links that stopped sending.
public struct TrafficRollUpService: Service {
    public static let defaultInterval: Duration = .seconds(60)
    /// Links rolled up in one transaction: a few milliseconds of the writer each.
    static let linksPerWrite = 256

    let network: any NetworkRepository
    let time: any TimeSource
    let interval: Duration
    let logger: Logger
    /// Counts and times each turn, when the daemon has metrics.
    var metrics: DaemonMetrics?

    public init(
        network: any NetworkRepository, time: any TimeSource = SystemTimeSource(), interval: Duration = Self.defaultInterval,
        logger: Logger
    ) {
        self.network = network
        self.time = time
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        var lastSweep: Int64?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await metrics.job("traffic_rollup") { await runOnce() }
            let now = time.timestamp().seconds
            if lastSweep.map({ now - $0 >= 86_400 }) ?? true {
                await sweep()
                lastSweep = now
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    /// Rolls up every link waiting; returns how many.
    @discardableResult
    public func runOnce() async -> Int {
        var done = 0
        do {
            while !Task.isShuttingDownGracefully {
                let count = try await network.rollUp(limit: Self.linksPerWrite, now: time.timestamp().seconds)
                done += count
                if count < Self.linksPerWrite { break }
            }
        } catch {
            logger.error("traffic roll-up failed", metadata: ["error": "\(error)"])
        }
        if done > 0 { logger.debug("traffic rolled up", metadata: ["links": "\(done)"]) }
        return done
    }

    /// Deletes, for every link, what its tiers no longer keep.
    public func sweep() async {
        var after: Int64? = 0
        do {
            while let last = after, !Task.isShuttingDownGracefully {
                after = try await network.prune(after: last, limit: Self.linksPerWrite, now: time.timestamp().seconds)
            }
        } catch {
            logger.error("traffic pruning failed", metadata: ["error": "\(error)"])
        }
    }
}
