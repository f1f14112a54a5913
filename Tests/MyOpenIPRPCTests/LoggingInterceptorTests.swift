import Foundation
import Logging
import MyOpenIPRPC
import Synchronization
import Testing

/// A log handler that keeps each message's level and status.
private final class CapturingLog: LogHandler, @unchecked Sendable {
    // Mutated only through the lock; LogHandler's protocol requires mutable properties.
    private let lock = Mutex<[(Logger.Level, String)]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let status = event.metadata?["status"].map { "\($0)" } ?? ""
        lock.withLock { $0.append((event.level, status)) }
    }

    var entries: [(Logger.Level, String)] { lock.withLock { $0 } }
}

@Suite("LoggingInterceptor")
struct LoggingInterceptorTests {
    @Test("a client that leaves a stream is a cancelled call at info, not an internal error")
    func cancellation() async throws {
        let log = CapturingLog()
        let logger = Logger(label: "test") { _ in log }
        let context = ServerContext(
            method: MethodDescriptor(service: "grpc.health.v1.Health", method: "Watch"), peer: .unix(nil), requestID: "r",
            logger: logger)
        await #expect(throws: CancellationError.self) {
            try await LoggingInterceptor().intercept(ServerRequest(payload: Data()), context: context) { _, _ in
                throw CancellationError()
            }
        }
        #expect(log.entries.count == 1)
        #expect(log.entries.first?.0 == .info)
        #expect(log.entries.first?.1 == "\(StatusCode.cancelled)")
    }
}
