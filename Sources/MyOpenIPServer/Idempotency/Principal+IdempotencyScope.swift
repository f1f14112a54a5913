import MyOpenIPRPC

extension Principal {
    /// Whose idempotency keys a call uses: an account's keys are its own across its sessions, an
    /// operator process's are those of its uid. Anonymous callers have none: a key they send is
    /// ignored, as strangers would otherwise share keys.
    var idempotencyScope: String? {
        switch self {
        case .anonymous: return nil
        case .operatorProcess(let uid): return "operator:\(uid)"
        case .session(let identity): return "account:\(identity.accountID)"
        }
    }
}
