import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPServer
import Synchronization
import Testing

/// A stream sink that keeps what is sent and runs `onFirst` once the first message is out, as a
/// shutdown that begins at that moment would.
private final class RecordingSink: ServerStreamSink {
    private let sent = Mutex<[Grpc_Health_V1_HealthCheckResponse.ServingStatus]>([])
    private let onFirst: @Sendable () -> Void

    init(onFirst: @escaping @Sendable () -> Void) { self.onFirst = onFirst }

    var statuses: [Grpc_Health_V1_HealthCheckResponse.ServingStatus] { sent.withLock { $0 } }

    func send(_ payload: Data) async throws {
        let status = try Grpc_Health_V1_HealthCheckResponse(serializedBytes: payload).status
        let isFirst = sent.withLock { sent in
            sent.append(status)
            return sent.count == 1
        }
        if isFirst { onFirst() }
    }
}

@Suite("Health/Watch at shutdown")
struct HealthWatchShutdownTests {
    @Test("a shutdown that begins while SERVING is on its way still ends the stream with NOT_SERVING")
    func shutdownDuringTheFirstSend() async throws {
        let harness = ServiceHarness()
        let servingState = harness.servingState
        let sink = RecordingSink { servingState.beginDraining() }
        let route = try #require(harness.router.route(for: HealthService.watch))
        _ = try await route.handler(
            ServerRequest(payload: try Grpc_Health_V1_HealthCheckRequest().serializedBytes(), stream: sink),
            makeContext(HealthService.watch))
        #expect(sink.statuses == [.serving, .notServing])
    }

    @Test("a watch that starts during shutdown gets NOT_SERVING once, and the stream ends")
    func watchDuringShutdown() async throws {
        let harness = ServiceHarness()
        harness.servingState.beginDraining()
        let sink = RecordingSink {}
        let route = try #require(harness.router.route(for: HealthService.watch))
        _ = try await route.handler(
            ServerRequest(payload: try Grpc_Health_V1_HealthCheckRequest().serializedBytes(), stream: sink),
            makeContext(HealthService.watch))
        #expect(sink.statuses == [.notServing])
    }
}
