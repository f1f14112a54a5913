import Logging
import MyOpenIPStore
import ServiceLifecycle

/// Runs the store's write-ahead-log checkpoints in the background, every ``interval`` while
/// writes come in, so that no request waits for one (see ``WALCheckpointer``). It stops at the
/// daemon's graceful shutdown.
public struct CheckpointService: Service {
    /// How often the log is copied back while writes come in.
    public static let defaultInterval: Duration = .milliseconds(50)

    let checkpointer: WALCheckpointer
    let interval: Duration
    let logger: Logger

    public init(checkpointer: WALCheckpointer, interval: Duration = Self.defaultInterval, logger: Logger) {
        self.checkpointer = checkpointer
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if let progress = try await checkpointer.checkpointIfWritten(), progress.copiedFrames < progress.logFrames {
                    logger.debug(
                        "checkpoint could not copy the whole log yet (a read still uses it)",
                        metadata: ["log_frames": "\(progress.logFrames)", "copied_frames": "\(progress.copiedFrames)"])
                }
            } catch {
                logger.warning("checkpoint failed", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
