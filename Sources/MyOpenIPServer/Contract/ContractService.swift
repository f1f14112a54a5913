import MyOpenIPRPC

/// A service of `proto/`: its generated `…ServiceProtocol` refines this one, gives its
/// ``contracts`` and registers its methods, so an implementation only writes the methods (the
/// compiler names a missing one).
public protocol ContractService: RPCService {
    /// What the contract says of each method of the service.
    static var contracts: [MethodContract] { get }
}

extension RPCService {
    /// The contracts of this service's methods; none for a service registered by hand.
    public var contracts: [MethodContract] {
        (self as? any ContractService).map { type(of: $0).contracts } ?? []
    }
}
