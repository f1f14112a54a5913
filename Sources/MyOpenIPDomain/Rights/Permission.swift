/// What a right lets its holder do, inside the companies of their scope. The access policy names,
/// for each method, the permission it needs.
public enum Permission: String, Sendable, Hashable, CaseIterable, Comparable {
    /// See the company's record, sites and contacts ("Ma société" in consultation).
    case companyRead = "company.read"
    /// Change the company's record, sites and contacts.
    case companyWrite = "company.write"
    /// Create users of the company and give them rights.
    case usersManage = "users.manage"
    /// See invoices and credit notes.
    case billingRead = "billing.read"
    /// See contracted offers and order from the e-shop.
    case ordersManage = "orders.manage"
    /// See voice and data services, live link state and traffic.
    case servicesRead = "services.read"
    /// Read the audit trail of the companies of the scope.
    case auditRead = "audit.read"

    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rawValue < rhs.rawValue }
}
