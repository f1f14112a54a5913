import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

/// `myopenip.v1.CollectorService`: what the network's collector reports, states and traffic,
/// in batches. Each report is checked on its own; a refused one is listed and the rest kept.
public struct CollectorService: CollectorServiceProtocol {
    /// Reports in one batch at most.
    static let maximumBatch = 20_000
    /// How far ahead of the daemon's clock a collector's clock may be.
    static let clockSkew: Int64 = 60

    let network: any NetworkRepository
    let time: any TimeSource

    public init(network: any NetworkRepository, time: any TimeSource = SystemTimeSource()) {
        self.network = network
        self.time = time
    }

    public func reportLinkStates(_ request: Myopenip_V1_ReportLinkStatesRequest, context: ServerContext) async throws
        -> Myopenip_V1_ReportLinkStatesResponse
    {
        guard request.reports.count <= Self.maximumBatch else { throw NetworkViolation.batchTooLarge.on("reports") }
        let now = time.timestamp()
        var rejected: [RejectedNetworkReport] = []
        var reports: [NetworkReport<LinkStatus>] = []
        reports.reserveCapacity(request.reports.count)
        for (index, report) in request.reports.enumerated() {
            switch Self.checked(index, report.reference, { () throws(DomainViolation) in try Self.status(report, now: now) }) {
            case .success(let checked): reports.append(checked)
            case .failure(let refused): rejected.append(refused)
            }
        }
        let outcome = try await network.reportStates(reports, at: now)
        var response = Myopenip_V1_ReportLinkStatesResponse()
        response.changed = UInt32(outcome.changed)
        response.repeated = UInt32(outcome.repeated)
        response.stale = UInt32(outcome.stale)
        response.rejected = (rejected + outcome.rejected).sorted { $0.index < $1.index }.map(Myopenip_V1_RejectedReport.init)
        if !response.rejected.isEmpty {
            context.logger.notice("collector: state reports refused", metadata: ["count": "\(response.rejected.count)"])
        }
        return response
    }

    public func reportTraffic(_ request: Myopenip_V1_ReportTrafficRequest, context: ServerContext) async throws
        -> Myopenip_V1_ReportTrafficResponse
    {
        guard request.samples.count <= Self.maximumBatch else { throw NetworkViolation.batchTooLarge }
        let now = time.timestamp().seconds
        var rejected: [RejectedNetworkReport] = []
        var samples: [NetworkReport<TrafficSample>] = []
        samples.reserveCapacity(request.samples.count)
        for (index, report) in request.samples.enumerated() {
            switch Self.checked(index, report.reference, { () throws(DomainViolation) in try Self.sample(report, now: now) }) {
            case .success(let checked): samples.append(checked)
            case .failure(let refused): rejected.append(refused)
            }
        }
        let outcome = try await network.ingest(samples, now: now)
        var response = Myopenip_V1_ReportTrafficResponse()
        response.accepted = UInt32(outcome.accepted)
        response.duplicates = UInt32(outcome.duplicates)
        response.rejected = (rejected + outcome.rejected).sorted { $0.index < $1.index }.map(Myopenip_V1_RejectedReport.init)
        if !response.rejected.isEmpty {
            context.logger.notice("collector: traffic samples refused", metadata: ["count": "\(response.rejected.count)"])
        }
        return response
    }

    /// The report at `index` of a batch, its reference and value checked, or why it is refused.
    static func checked<Value: Sendable>(
        _ index: Int, _ reference: String, _ value: () throws(DomainViolation) -> Value
    ) -> Result<NetworkReport<Value>, RejectedNetworkReport> {
        let normalised: String
        let checkedValue: Value
        do {
            normalised = try NetworkService.reference(reference)
            checkedValue = try value()
        } catch {
            return .failure(RejectedNetworkReport(index: index, reference: reference, violation: error))
        }
        return .success(NetworkReport(index: index, reference: normalised, value: checkedValue))
    }

    static func status(_ report: Myopenip_V1_LinkStateReport, now: Timestamp) throws(DomainViolation) -> LinkStatus {
        let state: LinkState
        switch report.state {
        case .up: state = .up
        case .down: state = .down
        case .degraded: state = .degraded
        default: throw NetworkViolation.stateInvalid
        }
        guard report.reason.count <= LinkStatus.maximumReasonLength else { throw NetworkViolation.reasonTooLong }
        var changedAt = now
        if report.hasChangedAt {
            guard let at = Timestamp(seconds: report.changedAt.seconds, nanos: report.changedAt.nanos) else {
                throw NetworkViolation.inFuture.on("changed_at")
            }
            guard at.seconds <= now.seconds + clockSkew else { throw NetworkViolation.inFuture.on("changed_at") }
            changedAt = at
        }
        return LinkStatus(state: state, reason: report.reason, changedAt: changedAt)
    }

    static func sample(_ report: Myopenip_V1_TrafficSampleReport, now: Int64) throws(DomainViolation) -> TrafficSample {
        let at = report.at.seconds
        guard report.hasAt, report.at.nanos == 0, at % TrafficTier.fiveMinutes.seconds == 0 else {
            throw NetworkViolation.sampleMisaligned
        }
        // A sample covers the five minutes after `at`: it is sent once they are over.
        guard at + TrafficTier.fiveMinutes.seconds <= now + clockSkew else { throw NetworkViolation.inFuture }
        guard at >= now - SQLiteNetworkRepository.lateWindow else { throw NetworkViolation.sampleTooLate }
        guard (0...TrafficSample.maximumRate).contains(report.inBitsPerSecond) else { throw NetworkViolation.rateInvalid }
        guard (0...TrafficSample.maximumRate).contains(report.outBitsPerSecond) else {
            throw NetworkViolation.rateInvalid.on("out_bits_per_second")
        }
        return TrafficSample(at: at, inBitsPerSecond: report.inBitsPerSecond, outBitsPerSecond: report.outBitsPerSecond)
    }
}
