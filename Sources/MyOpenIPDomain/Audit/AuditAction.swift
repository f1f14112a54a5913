/// What an audit event records, as a stable name that operators filter on (`account.created`).
///
/// Each domain declares its actions beside its rules (`AuditAction+Sites.swift`) and lists them
/// in its entry, so a domain adds actions without editing a shared list.
public struct AuditAction: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: AuditAction, rhs: AuditAction) -> Bool { lhs.rawValue < rhs.rawValue }
}
