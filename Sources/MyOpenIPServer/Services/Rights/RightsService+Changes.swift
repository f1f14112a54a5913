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
        let right = try await context.answering(Myopenip_V1_AccessRight.init) {
            try await rights.update(request.id, in: principal.companyScope, context: context.audit, at: time.timestamp()) {
                draft, holders in
                let before = draft.permissions
                draft = try RightDraft(
                    name: fields.contains("name") ? request.name : draft.name,
                    site: fields.contains("site") ? request.site : draft.site,
                    role: fields.contains("role") ? request.role : draft.role,
                    templates: fields.contains("templates") ? request.templates : draft.templates.map(\.rawValue))
                if fields.contains("templates") {
                    // Its holders gain or lose what changes: the caller must hold it, and not be one of them.
                    try principal.requireHolds(before.symmetricDifference(draft.permissions))
                    try principal.requireNotAmong(holders)
                }
            }
        }
        context.logger.info("right updated", metadata: ["right": "\(right.id)", "fields": "\(fields.sorted())"])
        return right
    }

    public func deleteRight(_ request: Myopenip_V1_DeleteRightRequest, context: ServerContext) async throws
        -> Myopenip_V1_DeleteRightResponse
    {
        let principal = context.principal
        let response = try await context.answering(
            { (holders: [AccountLogin]) in
                var response = Myopenip_V1_DeleteRightResponse()
                response.formerHolders = holders.map(\.description)
                return response
            },
            write: {
                try await rights.delete(request.id, in: principal.companyScope, context: context.audit, at: time.timestamp()) {
                    right, holders in
                    // Its holders lose what it gives: the caller must hold it, and not be one of them.
                    if !holders.isEmpty { try principal.requireHolds(right.permissions) }
                    try principal.requireNotAmong(holders)
                }
            })
        context.logger.info("right deleted", metadata: ["right": "\(request.id)", "holders": "\(response.formerHolders.count)"])
        return response
    }
}
