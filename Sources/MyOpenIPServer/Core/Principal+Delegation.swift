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

    /// Nobody changes their own rights: throws ``RightsViolation/ownRights`` when `accountID` is
    /// the caller's own account.
    func requireNotSelf(_ accountID: Int64) throws(DomainViolation) {
        if session?.accountID == accountID { throw RightsViolation.ownRights }
    }
}
