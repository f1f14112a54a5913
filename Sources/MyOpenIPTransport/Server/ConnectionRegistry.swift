import NIOCore
import Synchronization

/// One open connection as the server sees it from outside its event loop.
struct ConnectionHandle: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<ServerConnectionHandler>

    /// Lets the calls in flight finish, then closes the connection.
    func drain() {
        channel.eventLoop.execute { handler.value.drain() }
    }

    /// Closes the connection now, whatever is in flight.
    func close() {
        channel.close(promise: nil)
    }
}

/// The connections a server has open, so that shutdown can drain and then close them.
final class ConnectionRegistry: Sendable {
    private struct State {
        var connections: [ObjectIdentifier: ConnectionHandle] = [:]
        var draining = false
    }
    private let state = Mutex(State())

    /// Adds a connection and forgets it when it closes; one arriving while draining is drained at once.
    func add(_ connection: ConnectionHandle) {
        let id = ObjectIdentifier(connection.channel)
        let draining = state.withLock { state in
            state.connections[id] = connection
            return state.draining
        }
        connection.channel.closeFuture.whenComplete { _ in
            _ = self.state.withLock { $0.connections.removeValue(forKey: id) }
        }
        if draining { connection.drain() }
    }

    var count: Int { state.withLock { $0.connections.count } }

    /// Asks every connection to close once its calls in flight are answered.
    func drainAll() {
        let connections = state.withLock { state in
            state.draining = true
            return Array(state.connections.values)
        }
        for connection in connections { connection.drain() }
    }

    /// Closes every connection now and waits until they are closed.
    func closeAll() async {
        let connections = state.withLock { Array($0.connections.values) }
        for connection in connections { connection.close() }
        for connection in connections {
            try? await connection.channel.closeFuture.get()
        }
    }

    /// Waits until no connection is open, `timeout` passes, or the task is cancelled; returns
    /// whether all closed.
    func waitUntilEmpty(timeout: Duration) async -> Bool {
        let end = ContinuousClock.now.advanced(by: timeout)
        while count > 0 {
            guard ContinuousClock.now < end, !Task.isCancelled else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}
