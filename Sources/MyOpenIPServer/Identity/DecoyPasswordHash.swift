import Synchronization

/// A hash of no one's password, made with the hasher's own parameters, that a login for an
/// unknown account (or one without a password yet) is verified against, so that it costs the
/// same time as a wrong password for a real account.
final class DecoyPasswordHash: Sendable {
    private let hasher: PasswordHasher
    private let cached = Mutex<String?>(nil)

    init(hasher: PasswordHasher) {
        self.hasher = hasher
    }

    /// The decoy hash, made on first use (two first uses at once may both make one: harmless).
    func value() async throws -> String {
        if let hash = cached.withLock({ $0 }) { return hash }
        let hash = try await hasher.hash(SecretToken.generate().value)
        cached.withLock { $0 = hash }
        return hash
    }
}
