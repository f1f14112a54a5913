import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPStore
import Synchronization

/// Keeps a long watch honest: before it sends a change, its session must still hold the
/// method's permission over the same companies. The session is read again only when what
/// sessions are allowed has changed since the last check (logout, revocation, a disabled
/// account or company, changed rights), so a watch costs nothing while nothing changes.
struct WatchAuthorization: Sendable {
    let sessions: (any SessionResolver)?
    let authentication: AuthenticationChanges?

    /// The check to run before each change sent to `context`'s caller, which holds
    /// `permission` (named `name` in the refusal) now. An operator process has no session: its
    /// check is empty.
    func check(_ context: ServerContext, holds permission: Permission, name: String) -> @Sendable () async throws -> Void {
        guard let sessions, let authentication, let token = context.metadata.bearerToken else { return {} }
        let checked = Mutex(authentication.generation)
        let scope = context.principal.companyScope
        return {
            let generation = authentication.generation
            guard checked.withLock({ $0 != generation }) else { return }
            let principal = try await sessions.principal(forToken: token, context: context)
            guard principal.holds([permission]), principal.companyScope == scope else {
                throw RPCError(
                    .permissionDenied, "the session no longer holds \(name) over these companies",
                    reason: "PERMISSION_REVOKED")
            }
            checked.withLock { $0 = generation }
        }
    }
}
