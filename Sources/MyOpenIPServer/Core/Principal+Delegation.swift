import MyOpenIPDomain
import MyOpenIPRPC

extension Principal {
    /// Whether this caller holds every one of `permissions`: operator staff hold them all.
    func holds(_ permissions: some Sequence<Permission>) -> Bool {
        guard !isOperator else { return true }
        let held = session?.permissions ?? []
        return permissions.allSatisfy { held.contains($0.rawValue) }
    }

    /// Nobody but operator staff gives or takes away a permission they do not hold themselves:
    /// throws ``RightsViolation/permissionNotHeld`` otherwise.
    func requireHolds(_ permissions: some Sequence<Permission>) throws(DomainViolation) {
        guard holds(permissions) else { throw RightsViolation.permissionNotHeld }
    }

    /// Nobody changes their own rights: throws ``RightsViolation/ownRights`` when the caller's
    /// own account is among `accountIDs` (the account given rights, or the holders of a right).
    func requireNotAmong(_ accountIDs: some Sequence<Int64>) throws(DomainViolation) {
        if let me = session?.accountID, accountIDs.contains(me) { throw RightsViolation.ownRights }
    }
}
