import Logging
import MyOpenIPStore
import ServiceLifecycle

/// Makes the PDFs that issued documents still lack (a run or a credit note interrupted between
/// the document's commit and its PDF), as a background service: at start, then every
/// ``interval``.
public struct InvoiceDocumentService: Service {
    public static let defaultInterval: Duration = .seconds(60)

    let billing: any BillingRepository
    let renderer: DocumentRenderer
    let interval: Duration
    let logger: Logger
    /// Counts and times each turn, when the daemon has metrics.
    var metrics: DaemonMetrics?

    public init(
        billing: any BillingRepository, renderer: DocumentRenderer, interval: Duration = Self.defaultInterval,
        logger: Logger
    ) {
        self.billing = billing
        self.renderer = renderer
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await metrics.job("invoice_documents") { await runOnce() }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    /// Makes the missing PDFs; returns how many (a failure is logged and tried at the next turn).
    @discardableResult
    public func runOnce() async -> Int {
        var made = 0
        do {
            while !Task.isShuttingDownGracefully {
                let pending = try await billing.documentsWithoutPDF(limit: 20)
                for record in pending { try await renderer.renderAndKeep(record) }
                made += pending.count
                if pending.count < 20 { break }
            }
        } catch {
            logger.error("billing documents: their PDFs could not be made", metadata: ["error": "\(error)"])
        }
        if made > 0 { logger.info("billing documents: PDFs made", metadata: ["count": "\(made)"]) }
        return made
    }
}
