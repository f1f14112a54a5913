import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

extension RightsService {
    /// The fields of a custom right `UpdateRight` may change.
    static let updatableFields: Set<String> = ["name", "site", "role", "templates"]

    public func updateRight(_ request: Myopenip_V1_UpdateRightRequest, context: ServerContext) async throws
        -> Myopenip_V1_AccessRight
    {
        let fields = try request.updateMask.checkedPaths(Self.updatableFields)
        let principal = context.principal
        let right = try await rights.update(request.id, in: principal.companyScope, context: context.audit, at: time.timestamp())
        {
            draft in
            draft = try RightDraft(
                name: fields.contains("name") ? request.name : draft.name,
                site: fields.contains("site") ? request.site : draft.site,
                role: fields.contains("role") ? request.role : draft.role,
                templates: fields.contains("templates") ? request.templates : draft.templates.map(\.rawValue))
            if fields.contains("templates") { try Self.requireHeld(draft.permissions, by: principal) }
        }
        context.logger.info("right updated", metadata: ["right": "\(right.id)", "fields": "\(fields.sorted())"])
        return Myopenip_V1_AccessRight(right)
    }

    public func deleteRight(_ request: Myopenip_V1_DeleteRightRequest, context: ServerContext) async throws
        -> Myopenip_V1_DeleteRightResponse
    {
        let holders = try await rights.delete(
            request.id, in: context.principal.companyScope, context: context.audit, at: time.timestamp())
        context.logger.info("right deleted", metadata: ["right": "\(request.id)", "holders": "\(holders.count)"])
        var response = Myopenip_V1_DeleteRightResponse()
        response.formerHolders = holders.map(\.description)
        return response
    }

    /// Nobody but operator staff gives permissions they do not hold themselves.
    static func requireHeld(_ permissions: Set<Permission>, by principal: Principal) throws(DomainViolation) {
        guard !principal.isOperator else { return }
        let held = principal.session?.permissions ?? []
        guard permissions.allSatisfy({ held.contains($0.rawValue) }) else { throw RightsViolation.permissionNotHeld }
    }
}
