import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore

extension NetworkService {
    public func watchLinkStates(
        _ request: Myopenip_V1_WatchLinkStatesRequest, stream: ResponseStream<Myopenip_V1_LinkStateChange>,
        context: ServerContext
    ) async throws {
        guard request.reference.isEmpty || request.companyReference.isEmpty else {
            throw RPCError(
                .invalidArgument, "name a service or a company, not both", reason: "WATCH_TARGET_AMBIGUOUS",
                field: "company_reference")
        }
        let scope = context.principal.companyScope
        let changes: AsyncStream<LinkStateEvent>
        let current: [LinkStateEvent]
        // Watch first, then read: no change falls between the states sent and the changes.
        if !request.reference.isEmpty {
            let service = try await self.service(request.reference, context: context)
            changes = feed.watch(service: service.id)
            current = try await network.states(reference: service.reference, company: nil, in: scope)
        } else {
            let company = try request.companyReference.isEmpty ? nil : CompanyReference(request.companyReference)
            if scope == .everything && company == nil {
                changes = feed.watch { _ in true }
            } else {
                // The companies visible when the watch begins (a partner's clients, one's own).
                let ids = try await network.companyIDs(company: company, in: scope)
                changes = feed.watch { ids.contains($0.companyID) }
            }
            current = try await network.states(reference: nil, company: company, in: scope)
        }
        for event in current { try await stream.send(Myopenip_V1_LinkStateChange(event, initial: true)) }
        let servingState = self.servingState
        let stillAllowed = watchAuthorization.check(context, holds: .servicesRead, name: "services.read")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in changes {
                    try await stillAllowed()
                    try await stream.send(Myopenip_V1_LinkStateChange(event, initial: false))
                }
            }
            // The daemon's shutdown ends the watch with OK.
            group.addTask { await servingState.waitUntilDraining() }
            try await group.next()
            group.cancelAll()
        }
    }
}
