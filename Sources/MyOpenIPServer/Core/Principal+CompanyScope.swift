import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPStore

extension Principal {
    /// The companies this caller may see: every one for operator staff, its own (and a
    /// partner's clients) for a company's user, none otherwise. Repositories add it to their
    /// queries, so another tenant's object is simply not found.
    var companyScope: CompanyScope {
        if isOperator { return .everything }
        if let reference = session?.companyReference, let company = try? CompanyReference(reference) {
            return .company(company)
        }
        return .nothing
    }
}
