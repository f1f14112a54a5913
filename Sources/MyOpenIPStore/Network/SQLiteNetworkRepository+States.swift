import GRDB
import MyOpenIPDomain

extension SQLiteNetworkRepository {
    public func reportStates(_ reports: [NetworkReport<LinkStatus>], at now: Timestamp) async throws
        -> StateReportOutcome
    {
        guard !reports.isEmpty else { return StateReportOutcome() }
        return try await writes.write(
            { db in
                var outcome = StateReportOutcome()
                var events: [LinkStateEvent] = []
                // The state in force of each service of the batch, as the batch changes it.
                var current: [String: TechnicalServiceRecord] = [:]
                for report in reports {
                    guard
                        var service = try current[report.reference]
                            ?? TechnicalServiceLoader.service(reference: report.reference, db: db)
                    else {
                        outcome.rejected.append(
                            RejectedNetworkReport(
                                index: report.index, reference: report.reference, violation: NetworkViolation.unknownService))
                        continue
                    }
                    guard TechnicalServiceRecord.inService.contains(service.offerState) else {
                        outcome.rejected.append(
                            RejectedNetworkReport(
                                index: report.index, reference: report.reference, violation: NetworkViolation.notInService))
                        continue
                    }
                    switch service.status.applying(report.value) {
                    case .stale: outcome.stale += 1
                    case .repeated: outcome.repeated += 1
                    case .changed:
                        let changedAt = report.value.changedAt ?? now
                        try db.cachedStatement(
                            sql: """
                                UPDATE technical_service SET state = ?, state_reason = ?, state_changed_at = ?
                                WHERE contracted_offer_id = ?
                                """
                        ).execute(arguments: [
                            report.value.state.rawValue, report.value.reason, changedAt.milliseconds, service.id,
                        ])
                        try db.cachedStatement(
                            sql: """
                                INSERT INTO link_state_event (contracted_offer_id, state, reason, changed_at, reported_at)
                                VALUES (?, ?, ?, ?, ?)
                                """
                        ).execute(arguments: [
                            service.id, report.value.state.rawValue, report.value.reason, changedAt.milliseconds,
                            now.milliseconds,
                        ])
                        service.status = LinkStatus(
                            state: report.value.state, reason: report.value.reason, changedAt: changedAt)
                        events.append(service.stateEvent)
                        outcome.changed += 1
                    }
                    current[report.reference] = service
                }
                return (outcome, events)
            },
            committed: { [feed] events in feed.publish(events) })
    }
}
