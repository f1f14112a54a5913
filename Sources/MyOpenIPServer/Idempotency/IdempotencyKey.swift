import MyOpenIPRPC

/// The rules of an `idempotency-key` value: 1 to 255 visible ASCII characters (a UUID, an order
/// reference, a hash), so that it logs and stores as it came.
enum IdempotencyKey {
    static let maximumLength = 255

    static func check(_ key: String) throws -> String {
        let bytes = key.utf8
        guard (1...maximumLength).contains(bytes.count), bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw RPCError(
                .invalidArgument, "an idempotency key is 1 to \(maximumLength) visible ASCII characters",
                reason: "IDEMPOTENCY_KEY_INVALID", field: Metadata.Keys.idempotencyKey)
        }
        return key
    }
}
