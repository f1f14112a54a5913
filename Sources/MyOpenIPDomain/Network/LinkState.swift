/// The operational state of a link as the network's collector sees it.
public enum LinkState: String, Sendable, Hashable, CaseIterable {
    /// Nothing reported yet.
    case unknown
    case up
    case down
    /// Up, with errors, loss or a backup path.
    case degraded

    /// The portal's words.
    public var label: String {
        switch self {
        case .unknown: "Inconnu"
        case .up: "Opérationnel"
        case .down: "Coupé"
        case .degraded: "Dégradé"
        }
    }
}

/// The state of a link since its last change: what, why, and when it changed.
public struct LinkStatus: Sendable, Hashable {
    public var state: LinkState
    /// Why, in the collector's words ("perte de porteuse", "BFD down"); may be empty.
    public var reason: String
    /// When the network saw the change; nil while unknown.
    public var changedAt: Timestamp?

    public init(state: LinkState, reason: String = "", changedAt: Timestamp? = nil) {
        self.state = state
        self.reason = reason
        self.changedAt = changedAt
    }

    public static let unknown = LinkStatus(state: .unknown)

    /// The longest reason kept.
    public static let maximumReasonLength = 200

    /// What `report` does to this status: a report older than the last change is stale (it
    /// arrived out of order and changes nothing), one with the same state and reason is a
    /// repeat, and any other is the new status.
    public func applying(_ report: LinkStatus) -> LinkStatusOutcome {
        if let changedAt, let reported = report.changedAt, reported < changedAt { return .stale }
        if report.state == state && report.reason == reason { return .repeated }
        return .changed
    }
}

/// What one state report did.
public enum LinkStatusOutcome: Sendable, Hashable {
    case changed
    case repeated
    case stale
}
