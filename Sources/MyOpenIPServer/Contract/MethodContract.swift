import MyOpenIPRPC

/// What `proto/` says of one method: its names, its messages, who may call it, and whether it is
/// a write whose answer is kept for a retry. Generated from the method options of
/// `myopenip/v1/options.proto` (tools/protogen); the access and idempotency policies are built
/// from these.
public struct MethodContract: Sendable, Hashable {
    public var descriptor: MethodDescriptor
    /// The request message's fully qualified proto name.
    public var requestType: String
    /// The response message's fully qualified proto name.
    public var responseType: String
    public var isServerStreaming: Bool
    public var access: AccessRule
    /// Whether a retry carrying the same `idempotency-key` gets the first answer instead of
    /// running again (see ``IdempotencyPolicy``).
    public var isIdempotentWrite: Bool

    public init(
        descriptor: MethodDescriptor, requestType: String, responseType: String, isServerStreaming: Bool,
        access: AccessRule, isIdempotentWrite: Bool
    ) {
        self.descriptor = descriptor
        self.requestType = requestType
        self.responseType = responseType
        self.isServerStreaming = isServerStreaming
        self.access = access
        self.isIdempotentWrite = isIdempotentWrite
    }
}
