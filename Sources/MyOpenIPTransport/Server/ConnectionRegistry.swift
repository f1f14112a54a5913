import Synchronization

/// The connections a server has open, so that shutdown can drain and then close them.
final class ConnectionRegistry: Sendable {
    private struct State {
        var connections: [ObjectIdentifier: ServerConnection] = [:]
        var draining = false
    }
    private let state = Mutex(State())

    /// Adds a connection; one that arrives while draining is drained at once.
    func add(_ connection: ServerConnection) {
        let draining = state.withLock { state in
            state.connections[ObjectIdentifier(connection)] = connection
            return state.draining
        }
        if draining { connection.drain() }
    }

    func remove(_ connection: ServerConnection) {
        _ = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    var count: Int { state.withLock { $0.connections.count } }

    /// Asks every connection to close once its calls in flight are answered.
    func drainAll() {
        let connections = state.withLock { state in
            state.draining = true
            return Array(state.connections.values)
        }
        connections.forEach { $0.drain() }
    }

    /// Closes every connection now.
    func closeAll() {
        state.withLock { Array($0.connections.values) }.forEach { $0.close() }
    }
}
