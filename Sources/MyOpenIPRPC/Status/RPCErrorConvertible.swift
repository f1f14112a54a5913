/// An error of a lower layer (a broken business rule, say) that knows which ``RPCError`` it is.
/// The dispatcher answers such an error with that status instead of INTERNAL, so handlers can
/// throw it as it is.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}
